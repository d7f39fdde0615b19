/**
 * `npm run bench [-- <name…>] [-- --customers N …]`: runs every benchmark in bench/ (or only the
 * named ones), each in its own process so peak memory is measured per benchmark. Flags are passed
 * through to each benchmark. Benchmarks report figures; they are not tests and are not in `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('--'));
const names = firstFlag === -1 ? args : args.slice(0, firstFlag);
const flags = firstFlag === -1 ? [] : args.slice(firstFlag);

const benchmarks = readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -'.ts'.length))
  .filter((name) => names.length === 0 || names.includes(name))
  .sort();
if (benchmarks.length === 0) {
  console.error(`No benchmark named ${names.join(', ')} in bench/.`);
  process.exit(1);
}

let failed = false;
for (const name of benchmarks) {
  console.log(`\n=== ${name} ${flags.join(' ')}`);
  const run = spawnSync(
    process.execPath,
    [
      '--disable-warning=DEP0111',
      '--expose-gc',
      '--import',
      'tsx',
      path.join(__dirname, `${name}.ts`),
      ...flags,
    ],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) {
    console.error(`${name} failed (exit ${run.status ?? run.signal})`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
