import { enableCompileCache } from './compile-cache';

/** Imported first by src/index.ts: every module required after it goes through the V8 code cache. */
enableCompileCache(process.env);
