import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The Dockerfile's steps without Docker (no engine runs here): the runtime stage's files in a temp
 * folder, a production-only install from the lock file, the build output, then the image's command
 * and environment — proving nothing at run time needs a devDependency.
 *
 * Two honest shortcuts keep it cheap: the install runs from npm's cache (`--prefer-offline`, filled by the
 * `npm ci` before the tests) with `--ignore-scripts`, and better-sqlite3's compiled addon is copied
 * from this checkout's node_modules (same Node, same ABI) instead of compiling SQLite for ~1.5 CPU
 * minutes — the image compiles it in its `deps` stage. HOST is 127.0.0.1 here (the image listens on
 * 0.0.0.0) and the port is free-chosen.
 */
const root = join(__dirname, '../..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, '');
const stages = dockerfile.split(/^FROM /m).slice(1);
const runtime = stages.at(-1)!;
const lines = (stage: string, instruction: string) =>
  stage
    .split('\n')
    .filter((l) => l.startsWith(`${instruction} `))
    .map((l) => l.slice(instruction.length + 1).trim());

describe('the Dockerfile', () => {
  it('builds in stages: production dependencies (native build) and TypeScript apart from what runs', () => {
    expect(stages.map((s) => s.split('\n')[0])).toEqual([
      expect.stringMatching(/ AS deps$/),
      expect.stringMatching(/ AS build$/),
      expect.not.stringMatching(/ AS /),
    ]);
    expect(lines(stages[0]!, 'RUN').join('\n')).toContain('npm ci --omit=dev');
    expect(lines(stages[0]!, 'RUN').join('\n')).toMatch(/python3 make g\+\+/);
    expect(lines(stages[1]!, 'RUN')).toContain('npm run build');
    expect(lines(runtime, 'RUN').join('\n')).not.toMatch(/npm|apt-get/);
    expect(lines(runtime, 'COPY')).toEqual(
      expect.arrayContaining([
        '--from=deps /app/node_modules ./node_modules',
        '--from=build /app/dist ./dist',
      ]),
    );
  });

  it('runs as the unprivileged node user, with a health check on /healthz', () => {
    expect(lines(runtime, 'USER')).toEqual(['node']);
    expect(lines(runtime, 'HEALTHCHECK').join('')).toContain('/healthz');
    expect(lines(runtime, 'CMD')).toEqual([
      '["node", "--max-old-space-size=256", "--max-semi-space-size=4", "dist/src/index.js"]',
    ]);
  });

  it('keeps local state and secrets out of the build context', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    for (const pattern of ['node_modules', '.env', '.data', 'env/*.user', 'dist'])
      expect(ignored).toContain(pattern);
  });
});

describe('the image steps, reproduced in a temp folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mca-image-'));
  let bot: ChildProcess | undefined;
  afterAll(() => {
    bot?.kill('SIGKILL');
    // Thousands of files: removed in the background so a loaded machine does not time the hook out.
    spawn('rm', ['-rf', dir], { detached: true, stdio: 'ignore' }).unref();
  });

  it('installs production dependencies only, starts with the image command and answers /healthz and /readyz', async () => {
    // COPY package.json package-lock.json vendor cards (runtime stage)
    for (const entry of lines(runtime, 'COPY').filter((c) => !c.startsWith('--from'))) {
      const sources = entry.split(/\s+/).slice(0, -1);
      for (const source of sources) cpSync(join(root, source), join(dir, source), { recursive: true });
    }
    // deps stage: npm ci --omit=dev (from the cache, scripts off; the addon comes from this checkout)
    let started = Date.now();
    const npm = spawnSync(
      'npm',
      ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(npm.status, npm.stderr).toBe(0);
    console.log(`image steps: npm ci --omit=dev ${Date.now() - started} ms`);
    const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    cpSync(join(root, addon), join(dir, addon));
    // Every package the lock file marks dev-only (typescript, vitest, tsx, eslint, … and theirs) is absent.
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
    const devOnly = Object.entries(lock.packages as Record<string, { dev?: boolean }>)
      .filter(([path, p]) => p.dev && path.startsWith('node_modules/'))
      .map(([path]) => path);
    expect(devOnly).toEqual(expect.arrayContaining(['node_modules/typescript', 'node_modules/vitest']));
    expect(devOnly.filter((path) => existsSync(join(dir, path)))).toEqual([]);
    expect(existsSync(join(dir, 'node_modules/restify'))).toBe(true);

    // build stage: npm run build (tsc -p tsconfig.build.json), output to the runtime's dist/
    started = Date.now();
    const tsc = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/typescript/bin/tsc'),
        '-p',
        join(root, 'tsconfig.build.json'),
        '--outDir',
        join(dir, 'dist'),
      ],
      { encoding: 'utf8' },
    );
    expect(tsc.status, tsc.stdout).toBe(0);
    console.log(`image steps: tsc ${Date.now() - started} ms`);

    // ENV and CMD of the runtime stage
    const env = Object.fromEntries(
      lines(runtime, 'ENV')
        .flatMap((l) => l.split(/\s+/))
        .map((pair) => pair.split('=') as [string, string]),
    );
    expect(env).toMatchObject({ NODE_ENV: 'production', DATA_DIR: '/data' });
    const [command, ...args] = JSON.parse(lines(runtime, 'CMD')[0]!) as string[];
    expect(command).toBe('node');
    bot = spawn(process.execPath, args, {
      cwd: dir,
      env: { PATH: process.env.PATH, ...env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: join(dir, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    bot.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    bot.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${output}`)), 60_000);
      bot!.on('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
      bot!.stdout!.on('data', () => {
        const m = /"url":"(http:\/\/[^"]+)".*"msg":"MCA Assist is listening"/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    expect(ready.status).toBe(200);
    expect(output).not.toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);
  }, 180_000);
});
