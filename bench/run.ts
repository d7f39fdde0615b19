/**
 * `npm run bench [-- <name…>] [-- --quick | --customers N …]`: builds the app once (several
 * benchmarks start `dist/src/index.js` as `npm start` does), then runs every benchmark in bench/
 * (or only the named ones), each in its own process so peak memory is measured per benchmark.
 * `--quick` gives each benchmark the smaller size below (the whole run in under 3 minutes); other
 * flags are passed through to each benchmark. Benchmarks report figures; they are not tests and
 * are not in `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** What `--quick` passes to each benchmark; one not listed here gets `--quick` itself. */
const QUICK: Record<string, string[]> = {
  fanout: ['--runs', 'a', '--scale', '0.1', '--stores', 'sqlite'],
  'portfolio-sweep': ['--quick'],
  ready: ['--quick'],
  turns: ['--quick'],
};

const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('--'));
const names = firstFlag === -1 ? args : args.slice(0, firstFlag);
const flags = firstFlag === -1 ? [] : args.slice(firstFlag);
const quick = flags.includes('--quick');
const passed = flags.filter((f) => f !== '--quick');

const benchmarks = readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -'.ts'.length))
  .filter((name) => names.length === 0 || names.includes(name))
  .sort();
if (benchmarks.length === 0) {
  console.error(`No benchmark named ${names.join(', ')} in bench/.`);
  process.exit(1);
}

const began = performance.now();
console.log('=== npm run build');
const build = spawnSync('npm', ['run', 'build', '--silent'], {
  stdio: 'inherit',
  cwd: path.join(__dirname, '..'),
});
if (build.status !== 0) process.exit(1);

let failed = false;
for (const name of benchmarks) {
  const own = quick ? (QUICK[name] ?? ['--quick']) : [];
  console.log(`\n=== ${name} ${[...own, ...passed].join(' ')}`);
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      '--disable-warning=DEP0111',
      '--expose-gc',
      '--import',
      'tsx',
      path.join(__dirname, `${name}.ts`),
      ...own,
      ...passed,
    ],
    { stdio: 'inherit' },
  );
  console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  if (run.status !== 0) {
    console.error(`${name} failed (exit ${run.status ?? run.signal})`);
    failed = true;
  }
}
console.log(`\nAll benchmarks: ${((performance.now() - began) / 1000).toFixed(0)} s`);
process.exit(failed ? 1 : 0);
