import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const FEATURES = path.join(__dirname, '../../src/features');
const features = readdirSync(FEATURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** Any import that reaches past another feature's index.ts. */
function scan(): { uses: Map<string, Set<string>>; deep: string[] } {
  const uses = new Map<string, Set<string>>();
  const deep: string[] = [];
  for (const feature of features) {
    const used = new Set<string>();
    for (const file of readdirSync(path.join(FEATURES, feature)).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(path.join(FEATURES, feature, file), 'utf8');
      for (const [, other, rest] of text.matchAll(/from '\.\.\/([a-z-]+)(\/[^']*)?'/g)) {
        if (!other || other === feature || !features.includes(other)) continue;
        used.add(other);
        if (rest) deep.push(`${feature}/${file} → ${other}${rest}`);
      }
    }
    uses.set(feature, used);
  }
  return { uses, deep };
}

describe('feature folders', () => {
  it('import each other only through their index.ts', () => {
    expect(scan().deep).toEqual([]);
  });
});
