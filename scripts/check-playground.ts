/**
 * `npm run check:playground`: the whole path a person sees, end to end — the bot (sandbox), the
 * Microsoft 365 Agents Playground and Debian's Chromium driven by playwright-core. It types
 * `pending`, waits for the result card, checks that the portfolio chart image loaded (800×400) and
 * saves a screenshot to docs/screenshots/playground-pending-chart.png (and the chart alone to
 * docs/screenshots/portfolio-chart.png).
 *
 * Needs a Chromium binary: `apt-get install chromium` (or CHROMIUM_PATH). Not part of `npm test`:
 * CI machines have no browser.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/core/logger';

const OUT = path.resolve('docs/screenshots/playground-pending-chart.png');
const CHART_OUT = path.resolve('docs/screenshots/portfolio-chart.png');
const PLAYGROUND_PORT = process.env.PLAYGROUND_PORT ?? '56170';
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => !!p && existsSync(p),
);

async function waitFor(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(): Promise<void> {
  if (!CHROMIUM) throw new Error('No Chromium found: apt-get install chromium, or set CHROMIUM_PATH.');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mca-playground-'));
  const app = await createApp(
    loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }),
    createLogger({ level: 'warn' }),
  );
  const botUrl = await app.listen();
  // The CLI itself (not npx), so that stopping it stops the playground.
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const playground = spawn(
    process.execPath,
    [cli, '-e', `${botUrl}/api/messages`, '-c', 'msteams', '--disable-telemetry', '-p', PLAYGROUND_PORT],
    {
      stdio: 'ignore',
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dataDir, 'playground.log'),
      },
    },
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  let page: Page | undefined;
  try {
    const playgroundUrl = `http://localhost:${PLAYGROUND_PORT}`;
    await waitFor(playgroundUrl, 60_000);
    page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(playgroundUrl, { waitUntil: 'networkidle' });
    const box = page.locator('[data-lexical-editor="true"][role="textbox"]').first();
    await box.waitFor({ timeout: 30_000 });
    await box.click();
    await page.keyboard.type('pending');
    await page.keyboard.press('Enter');
    const chart = page.locator('img[src*="/portfolio.png?"]').last();
    await chart.waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      (img) => {
        const image = img as unknown as { complete: boolean; naturalWidth: number } | null;
        return !!image && image.complete && image.naturalWidth > 0;
      },
      await chart.elementHandle(),
      { timeout: 30_000 },
    );
    const size = await chart.evaluate((img) => {
      const image = img as unknown as { naturalWidth: number; naturalHeight: number };
      return [image.naturalWidth, image.naturalHeight];
    });
    if (size[0] !== 800 || size[1] !== 400)
      throw new Error(`the chart loaded as ${size.join('×')}, not 800×400`);
    const alt = await chart.getAttribute('alt');
    if (!alt?.startsWith('Portfolio chart.')) throw new Error(`the chart has no alt text (got ${alt})`);
    // The picture itself too, as the card loaded it (for the README).
    const src = await chart.getAttribute('src');
    if (src) writeFileSync(CHART_OUT, Buffer.from(await (await fetch(src)).arrayBuffer()));
    await chart.scrollIntoViewIfNeeded();
    mkdirSync(path.dirname(OUT), { recursive: true });
    await page.screenshot({ path: OUT });
    console.log(
      `check:playground passed: the pending card shows the chart (${size.join('×')}); screenshot ${OUT}`,
    );
  } catch (err) {
    const shot = path.join(tmpdir(), 'check-playground-failure.png');
    await page?.screenshot({ path: shot }).catch(() => undefined);
    throw new Error(`${err instanceof Error ? err.message : String(err)} (screen: ${shot})`, { cause: err });
  } finally {
    await browser.close();
    playground.kill('SIGTERM');
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`check:playground failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
