import { existsSync } from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/**
 * The top-level `cards/` folder. Found by walking up from this file, so it works from `src/`
 * (tsx, vitest) and from `dist/src/` (npm start) alike.
 */
export function assetsDir(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'cards', 'locales');
    if (existsSync(candidate)) return (cached = path.join(dir, 'cards'));
    dir = path.dirname(dir);
  }
  throw new Error(`cards/ folder not found above ${__dirname}`);
}
