import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/**
 * A V8 code cache for the CommonJS modules the bot loads at start (about 2,300 files: restify,
 * botbuilder, OpenTelemetry and ours), so a restart does not parse and compile them again. Node 22
 * has this built in (`module.enableCompileCache`, used when present); on Node 20 a module's source is
 * compiled with `vm.Script` and V8's `cachedData` instead of Node's own wrapper (issue 13, "Ready
 * fast"; docs/benchmarks.md).
 *
 * Safe by construction: an entry is used only for the exact source it was made from (SHA-1 of the
 * file's path and content; V8 itself rejects data from another V8 version or other flags); a missing,
 * corrupt or unreadable cache file means a normal compile; writing happens once, a few seconds after
 * the last new module, to a temporary file renamed into place, and any failure is ignored. A module
 * the hook cannot compile (not a plain script) goes to Node's own loader unchanged, and so does one
 * that calls `import()`: on Node 20 a script made from cached data loses its dynamic-import callback
 * (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), which failed every start after the first that loaded the
 * metrics SDK or the Azure store that way.
 *
 * Small in memory: one file per app (its entry script is part of the name), holding only the modules
 * this app loaded, and what was read from it is let go once the start-up modules are written.
 *
 * Trusted only when private: V8 runs cached code without checking what it does, so a cache someone
 * else could write would let them run code in the bot. The folder (one per user under the temp dir
 * by default, created 0700) and the file must belong to this user and be writable by no one else;
 * otherwise the cache is neither read nor written and every module compiles as usual.
 */
export interface CompileCache {
  /**
   * Compiles a CommonJS module's source (from the cache when it can) into a function that runs it as
   * Node's loader would; undefined when it is not a plain script (Node's own loader then decides).
   */
  compile(content: string, filename: string): ((module: Module) => unknown) | undefined;
  /** Writes the cache if anything new was compiled; never throws. */
  flush(): void;
  readonly stats: { hits: number; misses: number; rejected: number };
}

type Entry = { hash: string; data: Buffer };
const MAX_BYTES = 64 * 1024 * 1024;
const FLUSH_AFTER_MS = 3000;
/** `import(` in a module's source (also `import (`; a false match only costs that module its cache entry). */
const DYNAMIC_IMPORT = /\bimport\s*\(/;

/** The cache directory from the environment: `COMPILE_CACHE_DIR`, `off` to disable; default under os.tmpdir(). */
export function compileCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const dir = env.COMPILE_CACHE_DIR?.trim();
  if (dir === 'off') return undefined;
  return dir || path.join(tmpdir(), `mca-assist-compile-cache-${process.getuid?.() ?? 'user'}`);
}

/** True when `target` is a real file or folder (no link) of this user that no one else may write. */
export function privateToUs(target: string): boolean {
  try {
    const stat = lstatSync(target);
    if (stat.isSymbolicLink()) return false;
    const uid = process.getuid?.();
    // Windows has no uids: os.tmpdir() is inside the user's own profile there.
    return uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0);
  } catch {
    return false;
  }
}

/** Creates the folder (0700) if missing; true when it may be used. */
function usableDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    return false;
  }
  return privateToUs(dir);
}

export function createCompileCache(dir: string): CompileCache {
  // One file per Node version, architecture and V8 flags: V8 rejects data made under other flags.
  // And one per app: apps sharing the default folder (checkouts, builds) would otherwise evict each
  // other's entries, or make every start read all of them.
  const flags = createHash('sha1')
    .update(`${process.execArgv.join(' ')}\0${process.env.NODE_OPTIONS ?? ''}\0${process.argv[1] ?? ''}`)
    .digest('hex')
    .slice(0, 12);
  const file = path.join(dir, `${process.version}-${process.arch}-${flags}.bin`);
  const usable = usableDir(dir);
  let old = usable && privateToUs(file) ? readCache(file) : new Map<string, Entry>();
  const fresh = new Map<string, { hash: string; script: vm.Script }>();
  let used = new Map<string, Entry>();
  const stats = { hits: 0, misses: 0, rejected: 0 };
  let timer: NodeJS.Timeout | undefined;
  /** The file holds what this app keeps so far: a later flush adds to it. */
  let kept = false;

  /**
   * Writes what this process compiled or took from the cache (entries of modules it did not load
   * are dropped), then lets go of what was read: a module loaded later compiles as usual and is
   * added to the file by a later flush.
   */
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const stale = old.size > used.size;
    const release = () => {
      old = new Map();
      used = new Map();
      kept = true;
    };
    if (!usable || (fresh.size === 0 && !stale)) return release();
    try {
      const out = kept ? readCache(file) : new Map<string, Entry>();
      for (const [name, entry] of used) out.set(name, entry);
      for (const [name, { hash, script }] of fresh) out.set(name, { hash, data: script.createCachedData() });
      fresh.clear();
      let bytes = 0;
      for (const [name, entry] of out) {
        bytes += entry.data.length;
        if (bytes > MAX_BYTES) out.delete(name);
      }
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, serialize(out), { mode: 0o600 });
      renameSync(tmp, file);
    } catch {
      // A read-only or full disk: the next start compiles as usual.
    }
    release();
  };
  const flushSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, FLUSH_AFTER_MS);
    timer.unref();
  };

  return {
    stats,
    flush,
    compile(content, filename) {
      if (DYNAMIC_IMPORT.test(content)) return undefined;
      const hash = createHash('sha1').update(filename).update('\0').update(content).digest('base64');
      const cached = old.get(filename);
      const cachedData = cached?.hash === hash ? cached.data : undefined;
      let script: vm.Script;
      try {
        script = new vm.Script(Module.wrap(content), { filename, cachedData });
      } catch (err) {
        if (err instanceof SyntaxError) return undefined;
        throw err;
      }
      if (cachedData && !script.cachedDataRejected) {
        stats.hits++;
        used.set(filename, cached!);
      } else {
        if (cachedData) stats.rejected++;
        stats.misses++;
        fresh.set(filename, { hash, script });
      }
      flushSoon();
      const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
      return (module) =>
        wrapper.call(
          module.exports,
          module.exports,
          requireFor(module, filename),
          module,
          filename,
          path.dirname(filename),
        );
    },
  };
}

/**
 * Installs the cache for every CommonJS module loaded from now on (call it before anything else is
 * required). Node 22+: Node's own compile cache in the same directory.
 */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): CompileCache | undefined {
  const dir = compileCacheDir(env);
  if (!dir) return undefined;
  const builtIn = (Module as unknown as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (builtIn) {
    if (usableDir(dir)) builtIn(dir);
    return undefined;
  }
  const cache = createCompileCache(dir);
  type Compile = (this: Module, content: string, filename: string, ...rest: unknown[]) => unknown;
  const proto = Module.prototype as unknown as { _compile: Compile };
  const original = proto._compile;
  proto._compile = function (content, filename, ...rest) {
    // Anything but a plain CommonJS .js file (another format, ESM syntax) is Node's to handle.
    const format = rest[0];
    const plain = (format === undefined || format === 'commonjs') && filename.endsWith('.js');
    const run = plain ? cache.compile(content, filename) : undefined;
    return run ? run(this) : original.call(this, content, filename, ...rest);
  };
  // Also on the way out, so a process stopped soon after start (a restart, a deploy) leaves its cache.
  process.once('exit', () => cache.flush());
  return cache;
}

/** The `require` Node gives a module: `require(id)` with the module as parent, plus resolve/main/cache. */
function requireFor(module: Module, filename: string): NodeJS.Require {
  const base = Module.createRequire(filename);
  const require = ((id: string): unknown => module.require(id)) as NodeJS.Require;
  require.resolve = base.resolve;
  require.main = base.main;
  require.cache = base.cache;
  require.extensions = base.extensions;
  return require;
}

/** File layout: 4-byte index length, the JSON index [name, hash, bytes][], then the data. */
function serialize(entries: Map<string, Entry>): Buffer {
  const index = JSON.stringify([...entries].map(([name, e]) => [name, e.hash, e.data.length]));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(Buffer.byteLength(index));
  return Buffer.concat([head, Buffer.from(index), ...[...entries.values()].map((e) => e.data)]);
}

function readCache(file: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  try {
    const buf = readFileSync(file);
    const length = buf.readUInt32LE(0);
    const index = JSON.parse(buf.subarray(4, 4 + length).toString()) as [string, string, number][];
    let at = 4 + length;
    for (const [name, hash, bytes] of index) {
      if (at + bytes > buf.length) return new Map();
      entries.set(name, { hash, data: buf.subarray(at, at + bytes) });
      at += bytes;
    }
  } catch {
    // None yet, unreadable or corrupt: start empty.
    return new Map();
  }
  return entries;
}
