import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const FEATURES = path.join(__dirname, '../../src/features');

/** Module-scope lines that hold mutable state: `let`, or a const Map/Set/WeakMap/WeakSet/array built empty. */
const STATE = /^(?:export )?(?:let |const \w+(?:: [^=]+)? = (?:new (?:Map|Set|WeakMap|WeakSet)\b|\[\]))/;

function moduleState(text: string): string[] {
  return text.split('\n').filter((line) => STATE.test(line));
}

/** Process-wide on purpose, with the reason: code loaded once, not an app's data. */
const ALLOWED: Record<string, string> = {
  'portfolio/chart-png.ts: let loaded: typeof ResvgType | undefined;':
    'the native renderer, loaded on the first chart',
};

describe('feature modules', () => {
  it('keep no mutable state at module scope (an app keeps it on Services.memory, the store or coordination)', () => {
    const found: string[] = [];
    for (const entry of readdirSync(FEATURES, { recursive: true, encoding: 'utf8' })) {
      if (!entry.endsWith('.ts')) continue;
      const text = readFileSync(path.join(FEATURES, entry), 'utf8');
      found.push(
        ...moduleState(text)
          .map((line) => `${entry}: ${line.trim()}`)
          .filter((line) => !ALLOWED[line]),
      );
    }
    expect(found).toEqual([]);
  });

  it('the check finds what it is for, and leaves constants and indented code alone', () => {
    const text = [
      'const held = new WeakMap<object, number>();',
      'let counter = 0;',
      'export const seen = new Set<string>();',
      'const pending: string[] = [];',
      'const LIMIT = 64;',
      "const NAMES: readonly string[] = ['a'];",
      '  const local = new Map();',
    ].join('\n');
    expect(moduleState(text)).toEqual([
      'const held = new WeakMap<object, number>();',
      'let counter = 0;',
      'export const seen = new Set<string>();',
      'const pending: string[] = [];',
    ]);
  });
});
