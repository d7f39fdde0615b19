import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findAssetsDir } from '../../src/cards/assets';

describe('where the built app finds its card templates', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('passes over dist/cards, which holds only the strings the build copied, for the top-level cards/', () => {
    root = mkdtempSync(path.join(tmpdir(), 'mca-assets-'));
    const write = (file: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), '{}');
    };
    write('cards/help.json');
    write('cards/locales/en.json');
    write('dist/cards/locales/en.json');
    mkdirSync(path.join(root, 'dist/src/cards'), { recursive: true });
    expect(findAssetsDir(path.join(root, 'dist/src/cards'))).toBe(path.join(root, 'cards'));
    expect(findAssetsDir(path.join(root, 'src/cards'))).toBe(path.join(root, 'cards'));
  });
});
