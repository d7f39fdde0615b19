import { existsSync } from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/**
 * The first `cards/` folder above `from` that holds the templates and their strings. A folder with
 * strings only is passed over: the build copies `cards/locales/en.json` into `dist/cards/` (the
 * string keys are typed from it), but not the templates.
 */
export function findAssetsDir(from: string): string | undefined {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'cards');
    if (existsSync(path.join(candidate, 'help.json')) && existsSync(path.join(candidate, 'locales'))) {
      return candidate;
    }
    dir = path.dirname(dir);
  }
  return undefined;
}

/**
 * The top-level `cards/` folder. Found by walking up from this file, so it works from `src/`
 * (tsx, vitest) and from `dist/src/` (npm start) alike.
 */
export function assetsDir(): string {
  cached ??= findAssetsDir(__dirname);
  if (!cached) throw new Error(`cards/ folder not found above ${__dirname}`);
  return cached;
}
