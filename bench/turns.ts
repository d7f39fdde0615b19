/**
 * Turn benchmark (issue 13): the bot as `npm start` runs it (dist/src/index.js: restify,
 * CloudAdapter, channel authentication) and a bare botbuilder echo bot on restify
 * (bench/support/echo-bot.ts) receive the same activities in the same run, each in its own
 * process, with the sandbox in a third process at zero latency and a Bot Connector stand-in that
 * accepts every reply. Every request carries an RS256 channel token the bots verify against a
 * local OpenID issuer. Reports throughput and p50/p99 per bot, turn and concurrency, and ratios.
 *
 *   npm run bench -- turns                       # 8 and 32 clients, 10 s a phase, 2 rounds
 *   npm run bench -- turns --quick               # 3 s a phase, 1 round
 *   npm run bench -- turns --seconds 300 --concurrency 32 --turns status   # item 2's 5 minutes
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_CUSTOMERS } from '../src/sandbox';
import { SANDBOX_ADMIN_AGENT_ID, SANDBOX_PARTNER_TENANT_ID } from '../src/sandbox/constants';
import { OpenIdIssuer } from '../test/support/openid-issuer';
import { AcceptingConnector } from './support/connector';
import { loadAverage, percentile, runLoad, type LoadResult } from './support/load';
import {
  compiled,
  cpuOf,
  freePort,
  memoryOf,
  NO_ENTRA_TOKEN,
  requireBuild,
  startSandboxProcess,
  startFlags,
  startServer,
  type ServerProcess,
} from './support/processes';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    rounds: { type: 'string' },
    concurrency: { type: 'string', default: '8,32' },
    turns: { type: 'string', default: 'help,status' },
    /** Node flags for the bot besides those of `npm start`, e.g. --bot-flags=--cpu-prof,--cpu-prof-dir=/tmp/prof */
    'bot-flags': { type: 'string', default: '' },
  },
  strict: true,
});
const seconds = Number(values.seconds ?? (values.quick ? 3 : 10));
const rounds = Number(values.rounds ?? (values.quick ? 1 : 2));
const levels = values.concurrency.split(',').map(Number);
const botFlags = values['bot-flags'].split(',').filter(Boolean);
const turns = values.turns.split(',').filter((t) => t === 'help' || t === 'status');

/** Demo customers a person would name by one word that matches only them ("status fabrikam"). */
function oneWordNames(): string[] {
  const first = DEMO_CUSTOMERS.map((c) => c.companyProfile.companyName.split(/[\s,]+/)[0]!.toLowerCase());
  return first.filter((w) => /^[a-z]{4,}$/.test(w) && first.filter((x) => x.startsWith(w)).length === 1);
}
const NAMES = oneWordNames();
/** Text only the answer a turn means contains (its card), so a run of error cards cannot pass as a result. */
const EXPECTED: Record<string, string> = {
  help: 'status ‹company name, domain or tenant id›',
  status: '"verb":"refreshStatus"',
};
const textOf = (turn: string, n: number) => (turn === 'help' ? 'help' : `status ${NAMES[n % NAMES.length]}`);

const APP_ID = '7e1f2d3c-4b5a-4697-8a1b-2c3d4e5f6a7b';
const CONVERSATIONS = 1000;

async function main(): Promise<void> {
  const entry = requireBuild();
  const issuer = await new OpenIdIssuer().start();
  const connector = await new AcceptingConnector().start();
  // Partner Center's per-customer limit (500/min) is off: this measures the bot, not the quota.
  const sandbox = await startSandboxProcess({ customerRate: 0 });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mca-bench-turns-'));
  const auth = {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'bench-password',
    MicrosoftAppType: 'MultiTenant',
    ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
  };
  const [botPort, echoPort] = [await freePort(), await freePort()];
  const bot = await startServer({
    script: entry,
    execArgv: [...startFlags(), ...botFlags, '--import', NO_ENTRA_TOKEN],
    cwd: dataDir,
    port: botPort,
    readyPath: '/readyz',
    env: {
      ...auth,
      PORT: String(botPort),
      DATA_DIR: dataDir,
      SANDBOX_URL: sandbox.url,
      LOG_LEVEL: 'warn',
      // The bot's own cost is measured here, not Partner Center's quota (500/min by default).
      PARTNER_CENTER_RATE_LIMIT_PER_MINUTE: '1000000',
    },
  });
  const echo = await startServer({
    script: compiled(path.join(__dirname, 'support', 'echo-bot.ts')),
    execArgv: ['--import', NO_ENTRA_TOKEN],
    port: echoPort,
    readyPath: '/readyz',
    env: { ...auth, PORT: String(echoPort) },
  });
  const idle = { bot: memoryOf(bot.child.pid!).rss, echo: memoryOf(echo.child.pid!).rss };
  const token = issuer.token({ audience: APP_ID, serviceUrl: connector.url, expiresIn: 4 * 3600 });
  const headers = { Authorization: `Bearer ${token}` };
  const activity = (text: string, n: number) =>
    JSON.stringify({
      type: 'message',
      id: `bench-${n}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: `29:bench-user`, aadObjectId: SANDBOX_ADMIN_AGENT_ID, name: 'Bench User' },
      recipient: { id: `28:${APP_ID}`, name: 'MCA Assist' },
      conversation: {
        id: `a:bench-${n % CONVERSATIONS}`,
        conversationType: 'personal',
        tenantId: SANDBOX_PARTNER_TENANT_ID,
      },
      channelData: { tenant: { id: SANDBOX_PARTNER_TENANT_ID } },
      locale: 'en-US',
      text,
    });

  let seq = 0;
  const drive = (target: ServerProcess, turn: string, concurrency: number, secs: number) =>
    runLoad({
      url: `${target.url}/api/messages`,
      concurrency,
      seconds: secs,
      headers,
      body: () => activity(textOf(turn, seq), seq++),
    });

  // Warm both (JIT, caches, the first Partner Center token, every conversation once).
  for (const turn of turns) {
    await drive(bot, turn, 8, Math.min(seconds, 3));
    await drive(echo, turn, 8, 1);
  }

  const results = new Map<string, LoadResult[]>();
  const cpu = new Map<string, number>();
  const add = (key: string, r: LoadResult) => results.set(key, [...(results.get(key) ?? []), r]);
  /** Runs one phase and charges the target's CPU time to it. */
  const expected = new Map<string, { cards: number; turns: number }>();
  for (const turn of turns) connector.watch(EXPECTED[turn]!);
  const measure = async (key: string, target: ServerProcess, turn: string, concurrency: number) => {
    const before = cpuOf(target.child.pid!);
    const cardsBefore = connector.matched.get(EXPECTED[turn]!) ?? 0;
    const result = await drive(target, turn, concurrency, seconds);
    add(key, result);
    cpu.set(key, (cpu.get(key) ?? 0) + cpuOf(target.child.pid!) - before);
    if (target !== bot) return;
    const seen = expected.get(turn) ?? { cards: 0, turns: 0 };
    seen.cards += (connector.matched.get(EXPECTED[turn]!) ?? 0) - cardsBefore;
    seen.turns += result.latencies.length;
    expected.set(turn, seen);
  };
  let botPeakUnderLoad = 0;
  await sandbox.resetStats();
  const loadAtStart = loadAverage();
  for (const concurrency of levels) {
    for (let round = 0; round < rounds; round++) {
      for (const turn of turns) {
        // Side by side: echo and bot alternate, so both see the same machine.
        await measure(`echo ${turn} ${concurrency}`, echo, turn, concurrency);
        const sampler = setInterval(() => {
          botPeakUnderLoad = Math.max(botPeakUnderLoad, memoryOf(bot.child.pid!).rss);
        }, 250);
        await measure(`bot ${turn} ${concurrency}`, bot, turn, concurrency);
        clearInterval(sampler);
      }
    }
  }
  const loadAtEnd = loadAverage();

  const merged = (key: string) => {
    const runs = results.get(key) ?? [];
    const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const secs = runs.reduce((s, r) => s + r.seconds, 0);
    return {
      cpuPerTurn: (cpu.get(key) ?? 0) / latencies.length,
      perSecond: latencies.length / secs,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      failures: runs.reduce((s, r) => s + r.failures, 0),
    };
  };

  console.log(
    `\n${seconds} s a phase, ${rounds} round(s), echo and bot alternating; load average ` +
      `(1/5/15 min) at start ${loadAtStart}, at end ${loadAtEnd}`,
  );
  console.log(
    '\n| turn | clients | echo turns/s | bot turns/s | bot / echo | echo p50 / p99 ms | bot p50 / p99 ms | bot p99 / echo p99 | CPU ms a turn, echo / bot | echo CPU / bot CPU | failed |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const turn of turns) {
    for (const concurrency of levels) {
      const e = merged(`echo ${turn} ${concurrency}`);
      const b = merged(`bot ${turn} ${concurrency}`);
      console.log(
        `| ${turn} | ${concurrency} | ${e.perSecond.toFixed(0)} | ${b.perSecond.toFixed(0)} | ` +
          `**${(b.perSecond / e.perSecond).toFixed(2)}** | ${e.p50.toFixed(1)} / ${e.p99.toFixed(1)} | ` +
          `${b.p50.toFixed(1)} / ${b.p99.toFixed(1)} | **${(b.p99 / e.p99).toFixed(2)}** | ` +
          `${e.cpuPerTurn.toFixed(2)} / ${b.cpuPerTurn.toFixed(2)} | ${(e.cpuPerTurn / b.cpuPerTurn).toFixed(2)} | ` +
          `${e.failures + b.failures} |`,
      );
    }
  }
  const botMem = memoryOf(bot.child.pid!);
  const echoMem = memoryOf(echo.child.pid!);
  console.log('\n| memory (MB) | bot | echo |\n| --- | --- | --- |');
  console.log(`| RSS idle after start | ${idle.bot.toFixed(0)} | ${idle.echo.toFixed(0)} |`);
  console.log(`| highest RSS sampled during bot phases | ${botPeakUnderLoad.toFixed(0)} | |`);
  console.log(`| peak RSS (VmHWM), whole run | ${botMem.peak.toFixed(0)} | ${echoMem.peak.toFixed(0)} |`);
  console.log(`\nreplies the connector stand-in accepted: ${connector.received}`);
  for (const [turn, { cards, turns: count }] of expected) {
    // A reply can still be on its way when a phase ends, so allow a few; an error card is not the answer.
    const ok = cards >= count * 0.98;
    console.log(
      `bot ${turn} turns answered with the ${turn} card: ${cards} of ${count}${ok ? '' : '  <-- NOT THE ANSWER MEANT: the figures above do not measure it'}`,
    );
  }
  const pc = await sandbox.stats();
  const statusTurns = [...results].filter(([k]) => k.startsWith('bot status')).flatMap(([, r]) => r);
  const count = statusTurns.reduce((s, r) => s + r.requests, 0);
  if (count > 0)
    console.log(`Partner Center requests per measured status turn: ${(pc.totalRequests / count).toFixed(2)}`);
  if (process.env.BENCH_VERBOSE) {
    console.log(pc.byRoute, pc.byStatus, NAMES);
    for (const [k, runs] of results) {
      const l = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
      console.log(
        k,
        [50, 90, 95, 98, 99, 99.9].map((p) => percentile(l, p).toFixed(0)).join(' '),
        l.at(-1)?.toFixed(0),
      );
    }
  }

  await bot.close();
  await echo.close();
  await sandbox.close();
  await connector.stop();
  await issuer.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
