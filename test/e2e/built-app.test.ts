import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess } from '../support/bot-process';
import { CaptureServer } from '../support/capture-server';
import { cardText } from '../support/card-text';
import { until } from '../support/until';

const ROOT = path.join(__dirname, '../..');

/** `npm start`'s node flags, read from package.json so this test runs what users run. */
function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [node, ...rest] = pkg.scripts.start!.split(/\s+/);
  expect(node).toBe('node');
  expect(rest.at(-1)).toBe('dist/src/index.js');
  return rest.slice(0, -1);
}

/**
 * The compiled app, as `npm start` runs it. Every other end-to-end test runs the TypeScript
 * sources through tsx; this one catches what only the build gets wrong (files the compiled code
 * looks for next to itself, such as the card templates).
 */
describe('the built app (npm start)', () => {
  // Inside the repository like dist/, so the build finds cards/ the way dist/src does.
  const outDir = path.join(ROOT, 'node_modules', '.cache', `mca-built-${process.pid}`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mca-built-'));
  // Its own code cache (private, like the default one), so that the second start below reads it.
  const cacheDir = path.join(dataDir, 'compile-cache');
  const teams = new CaptureServer();
  let bot: BotProcess;

  beforeAll(async () => {
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], {
      cwd: ROOT,
    });
    await teams.start();
    bot = new BotProcess('built', { DATA_DIR: dataDir, COMPILE_CACHE_DIR: cacheDir }, [
      ...startFlags(),
      path.join(outDir, 'src', 'index.js'),
    ]);
    await bot.start();
  }, 240_000);
  afterAll(async () => {
    await bot?.stop();
    await teams.stop();
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a typed help with the help card', async () => {
    expect(
      await bot.activity(teams.url, 'message', { conversationId: 'a:built-app' }, { text: 'help' }),
    ).toBe(200);
    const reply = await until(
      () => teams.requests.find((r) => r.method === 'POST' && r.body?.attachments?.length),
      'the help card',
      30_000,
    );
    expect(reply.path).toContain('/v3/conversations/a%3Abuilt-app/activities');
    const text = cardText(reply.body.attachments[0].content);
    expect(text).toContain('Stops a purchase-on-hold notice and its reminders');
    expect(bot.output).not.toMatch(/cards\/ folder not found|ENOENT/);
    // Nothing like Node's "ExperimentalWarning: vm.USE_MAIN_CONTEXT_DEFAULT_LOADER …" in every start's log.
    expect(bot.output).not.toMatch(/Warning/);
  }, 45_000);

  it('starts again from its code cache with everything loading (the metrics SDK, no error in the log)', async () => {
    const metrics = async () => (await fetch(`${bot.url}/metrics`)).text();
    expect(await metrics()).toContain('mca_jobs_pending');
    await bot.stop();
    // The first start wrote the modules it compiled (Node 20: our one file; Node 22+: Node's own
    // compile cache in the same folder); the second runs them from there.
    expect(readdirSync(cacheDir, { recursive: true }).length).toBeGreaterThan(0);
    await bot.start();
    expect(await metrics()).toContain('mca_jobs_pending');
    expect(bot.output).not.toMatch(/"level":(50|60)|could not load/);
    expect(bot.output).not.toMatch(/Warning/);
  }, 90_000);
});
