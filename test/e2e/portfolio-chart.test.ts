import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATE_PALETTE } from '../../src/features/status/state-palette';
import { CHART_HEIGHT, CHART_WIDTH } from '../../src/features/portfolio/chart-svg';
import { BotHarness } from '../support/bot-harness';
import { cardText, executeActions } from '../support/card-text';
import { runPending } from '../support/portfolio';
import { decodePng } from '../manifest/png';
import { MutableClock } from '../store/mutable-clock';
import { cardProblems } from '../support/validate-card';
import { colourCount } from '../support/png-colours';

const CHANNEL = '19:chart-channel@thread.tacv2';
const inChannel = { conversationId: CHANNEL, conversationType: 'channel' as const };

function chartOf(card: any): { url: string; altText: string } | undefined {
  return (card.body as any[]).find((b) => b.type === 'Image');
}

async function fetchPng(url: string): Promise<{ status: number; type: string | null; body: Buffer }> {
  const res = await fetch(url);
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

describe('the portfolio chart on the pending card, the digest and GET /portfolio.png', () => {
  const clock = new MutableClock('2026-03-02T07:50:00Z');
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start({}, { clock });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('shows the chart with alt text on the pending result, signed and served as a PNG', async () => {
    const { result } = await runPending(bot, 'pending');
    expect(cardProblems(result)).toEqual([]);
    const chart = chartOf(result)!;
    expect(chart.url.startsWith(`${bot.url}/portfolio.png?`)).toBe(true);
    expect(chart.altText).toMatch(
      /^Portfolio chart\. Customers per state: Accepted \(partner attestation\) \d+, /,
    );
    expect(chart.altText).toContain('Share accepted: ');
    const png = await fetchPng(chart.url);
    expect(png.status).toBe(200);
    expect(png.type).toBe('image/png');
    const image = decodePng(png.body);
    expect([image.width, image.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    // Drawn once per sweep and language, then served from the cache.
    const sweepId = new URL(chart.url).searchParams.get('sweep')!;
    const cached = await bot.app.services.store.cache.get<string>('portfolio.chart', `${sweepId}/en-us`);
    expect(Buffer.from(cached!, 'base64').equals(png.body)).toBe(true);
    expect((await fetchPng(chart.url)).body.equals(png.body)).toBe(true);
    for (const { hex } of Object.values(STATE_PALETTE))
      expect(colourCount(image, hex), hex).toBeGreaterThan(100);
  });

  it('draws the share accepted over the stored sweeps, and says so in the alt text', async () => {
    clock.advance(60_000);
    bot.app.sandbox!.world.setDirectlySigned('8fdcceb0-8c63-411f-a6f0-27304fb58973', true);
    const { result } = await runPending(bot, 'pending');
    const chart = chartOf(result)!;
    expect(chart.altText).toMatch(/Share accepted over the last 2 reports: \d+% on .*, \d+% on /);
    expect((await fetchPng(chart.url)).status).toBe(200);
  });

  it('labels the chart in the reader’s language, and leaves it off a card narrowed to one country', async () => {
    const { result } = await runPending(bot, 'pending');
    const { tenantId: _row, ...page } = executeActions(result).find(
      (a) => a.verb === 'portfolioStatus',
    )!.data;
    const german = await bot.click('portfolioPage', page, { locale: 'de-DE' });
    const chart = chartOf(german.card)!;
    expect(chart.altText).toMatch(/^Portfolio-Diagramm\. Kunden je Status: /);
    expect(chart.url).toContain('lang=de-DE');
    expect((await fetchPng(chart.url)).status).toBe(200);
    const germany = await bot.click('portfolioPage', { ...page, country: 'DE' });
    expect(cardText(germany.card)).toContain('Germany');
    expect(chartOf(germany.card)).toBeUndefined();
  });

  it('refuses a forged or expired chart link', async () => {
    const { result } = await runPending(bot, 'pending');
    const { url } = chartOf(result)!;
    expect((await fetchPng(url.replace(/sig=[^&]+/, 'sig=AAAA'))).status).toBe(403);
    expect((await fetchPng(url.replace('lang=en-US', 'lang=de-DE'))).status).toBe(403);
    clock.advance(15 * 86_400_000);
    const expired = await fetchPng(url);
    expect(expired.status).toBe(403);
    expect(expired.body.toString()).toContain('expired');
  });

  it('posts the chart with the daily digest', async () => {
    clock.set('2026-04-06T07:55:00Z'); // a Monday
    await bot.say('digest on', inChannel);
    clock.set('2026-04-06T08:00:05Z');
    for (let i = 0; i < 5; i++) await bot.app.worker.runDue();
    const digest = bot.teams.cards(CHANNEL).find((card) => cardText(card).includes('Daily MCA digest'));
    const chart = chartOf(digest)!;
    expect(chart.altText).toContain('Portfolio chart.');
    const png = await fetchPng(chart.url);
    expect(png.status).toBe(200);
    expect(decodePng(png.body).width).toBe(CHART_WIDTH);
  });
});
