import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileCacheDir, createCompileCache, privateToUs } from '../../src/core/compile-cache';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'mca-compile-cache-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Loads `filename` the way Node's loader would, through the cache. */
function load(cache: ReturnType<typeof createCompileCache>, filename: string, content: string): unknown {
  const module = new Module(filename);
  module.filename = filename;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    path.dirname(filename),
  );
  const run = cache.compile(content, filename);
  if (!run) return undefined;
  run(module);
  return module.exports;
}

describe('V8 compile cache for CommonJS modules', () => {
  it('a second process start runs the same module from the cache, with the same exports', () => {
    const dir = path.join(root, 'cache');
    const file = path.join(root, 'greet.js');
    const source = "exports.greet = (name) => 'hello ' + name; exports.file = __filename;";
    const first = createCompileCache(dir);
    expect(load(first, file, source)).toMatchObject({ file });
    expect(first.stats).toEqual({ hits: 0, misses: 1, rejected: 0 });
    first.flush();
    expect(readdirSync(dir)).toHaveLength(1);

    const second = createCompileCache(dir);
    const exports = load(second, file, source) as { greet(n: string): string; file: string };
    expect(exports.greet('Contoso')).toBe('hello Contoso');
    expect(exports.file).toBe(file);
    expect(second.stats).toEqual({ hits: 1, misses: 0, rejected: 0 });
  });

  it('a changed file is compiled from its new source, even when its length is the same', () => {
    const dir = path.join(root, 'cache');
    const file = path.join(root, 'answer.js');
    const first = createCompileCache(dir);
    expect(load(first, file, 'module.exports = 41;')).toBe(41);
    first.flush();
    const second = createCompileCache(dir);
    expect(load(second, file, 'module.exports = 42;')).toBe(42);
    expect(second.stats.hits).toBe(0);
  });

  it('modules get a working require relative to their own file', () => {
    const dir = path.join(root, 'cache');
    mkdirSync(path.join(root, 'lib'));
    writeFileSync(path.join(root, 'lib', 'two.js'), 'module.exports = 2;');
    const file = path.join(root, 'lib', 'one.js');
    const source =
      "module.exports = { sum: 1 + require('./two'), where: require.resolve('./two'), same: typeof require.cache };";
    expect(load(createCompileCache(dir), file, source)).toEqual({
      sum: 3,
      where: path.join(root, 'lib', 'two.js'),
      same: 'object',
    });
  });

  it('a corrupt cache file is ignored and replaced', () => {
    const dir = path.join(root, 'cache');
    const file = path.join(root, 'x.js');
    const warm = createCompileCache(dir);
    load(warm, file, 'module.exports = 1;');
    warm.flush();
    const [name] = readdirSync(dir);
    writeFileSync(path.join(dir, name!), Buffer.from([0xff, 0xff, 0xff, 0x7f, 1, 2, 3]));
    const cache = createCompileCache(dir);
    expect(load(cache, file, 'module.exports = 1;')).toBe(1);
    expect(cache.stats.misses).toBe(1);
    cache.flush();
    expect(load(createCompileCache(dir), file, 'module.exports = 1;')).toBe(1);
  });

  it('an unwritable cache directory costs nothing but the cache', () => {
    const blocker = path.join(root, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const cache = createCompileCache(path.join(blocker, 'cache'));
    expect(load(cache, path.join(root, 'y.js'), 'module.exports = "still runs";')).toBe('still runs');
    expect(() => cache.flush()).not.toThrow();
  });

  it('leaves what is not a plain CommonJS script to Node, and rethrows a module’s own errors', () => {
    const cache = createCompileCache(path.join(root, 'cache'));
    expect(cache.compile('export const x = 1;', path.join(root, 'esm.js'))).toBeUndefined();
    expect(() => load(cache, path.join(root, 'bad.js'), "JSON.parse('{');")).toThrow(SyntaxError);
  });

  it('leaves a module that calls import() to Node (cached data loses the dynamic-import callback on Node 20)', () => {
    const cache = createCompileCache(path.join(root, 'cache'));
    const file = path.join(root, 'lazy.js');
    expect(cache.compile("exports.load = () => import('node:os');", file)).toBeUndefined();
    expect(cache.compile("exports.load = () => import ('node:os');", file)).toBeUndefined();
    expect(cache.compile("exports.load = () => require('node:os');", file)).toBeDefined();
  });

  it('keeps only the modules the app loaded, and a module loaded after the write joins them', () => {
    const dir = path.join(root, 'cache');
    const [a, b, late] = ['a.js', 'b.js', 'late.js'].map((name) => path.join(root, name));
    const first = createCompileCache(dir);
    load(first, a!, 'module.exports = "a";');
    load(first, b!, 'module.exports = "b";');
    first.flush();

    // A new version of the app no longer loads b.js; a module it loads later comes after the write.
    const second = createCompileCache(dir);
    expect(load(second, a!, 'module.exports = "a";')).toBe('a');
    second.flush();
    expect(load(second, late!, 'module.exports = "late";')).toBe('late');
    expect(second.stats).toEqual({ hits: 1, misses: 1, rejected: 0 });
    second.flush();

    const third = createCompileCache(dir);
    for (const [file, name] of [
      [a, 'a'],
      [late, 'late'],
      [b, 'b'],
    ] as const)
      expect(load(third, file!, `module.exports = "${name}";`)).toBe(name);
    // a and late from the cache; b was dropped from it.
    expect(third.stats).toEqual({ hits: 2, misses: 1, rejected: 0 });
  });

  it('COMPILE_CACHE_DIR picks the directory; off disables; the default is a per-user folder under the temporary directory', () => {
    expect(compileCacheDir({ COMPILE_CACHE_DIR: '/var/cache/mca' })).toBe('/var/cache/mca');
    expect(compileCacheDir({ COMPILE_CACHE_DIR: 'off' })).toBeUndefined();
    expect(compileCacheDir({})).toBe(path.join(tmpdir(), `mca-assist-compile-cache-${process.getuid!()}`));
  });
});

describe('a compile cache someone else could write', () => {
  it('is neither read nor written when its folder is writable by others', () => {
    const dir = path.join(root, 'cache');
    const file = path.join(root, 'planted.js');
    const first = createCompileCache(dir);
    load(first, file, 'module.exports = 1;');
    first.flush();
    const [written] = readdirSync(dir);
    chmodSync(dir, 0o777);

    const second = createCompileCache(dir);
    expect(load(second, file, 'module.exports = 1;')).toBe(1);
    expect(second.stats).toEqual({ hits: 0, misses: 1, rejected: 0 });
    load(second, path.join(root, 'other.js'), 'module.exports = 2;');
    second.flush();
    expect(readdirSync(dir)).toEqual([written]);
  });

  it('is not read when the file itself is writable by others, and a new folder is private', () => {
    const dir = path.join(root, 'cache');
    const file = path.join(root, 'planted.js');
    const first = createCompileCache(dir);
    load(first, file, 'module.exports = 1;');
    first.flush();
    chmodSync(path.join(dir, readdirSync(dir)[0]!), 0o666);
    expect(privateToUs(dir)).toBe(true);

    const second = createCompileCache(dir);
    load(second, file, 'module.exports = 1;');
    expect(second.stats.hits).toBe(0);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
