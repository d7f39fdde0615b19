import type { AgreementState } from '../../src/features/status/agreement-status';
import type { SandboxCustomer, Scenario } from '../../src/sandbox';
import type { BotHarness, Who } from './bot-harness';
import { cardText, executeActions, openUrls } from './card-text';

/** What the bot must conclude for each sandbox scenario. */
export const STATE_OF: Record<Scenario, AgreementState> = {
  attested: 'accepted-attested',
  'attested-before-2023': 'reacceptance-required',
  direct: 'accepted-directly',
  'attested-and-direct': 'accepted-directly',
  'not-accepted': 'not-accepted',
  'no-relationship': 'unknown',
};

export const LABEL: Record<AgreementState, string> = {
  'accepted-attested': 'Accepted (partner attestation)',
  'accepted-directly': 'Accepted directly by the customer',
  'reacceptance-required': 'Re-acceptance needed',
  'not-accepted': 'Not accepted',
  unknown: "Can't tell",
};

export function needsAction(c: SandboxCustomer): boolean {
  return ['reacceptance-required', 'not-accepted', 'unknown'].includes(STATE_OF[c.scenario]);
}

/** Counts per state label as the sandbox's truth says. */
export function expectedCounts(customers: SandboxCustomer[]): Record<string, string> {
  const counts: Record<string, number> = Object.fromEntries(Object.values(LABEL).map((l) => [l, 0]));
  for (const c of customers) counts[LABEL[STATE_OF[c.scenario]]]!++;
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v.toLocaleString('en-US')]));
}

/** The FactSet of a portfolio card as { label: count }. */
export function countsOf(card: any): Record<string, string> {
  const factSet = (card.body as any[]).find((b) => b.type === 'FactSet');
  return Object.fromEntries((factSet.facts as any[]).map((f) => [f.title, f.value]));
}

/** Tenant ids of a page, from its Status buttons. */
export function rowIds(card: any): string[] {
  return executeActions(card)
    .filter((a) => a.verb === 'portfolioStatus')
    .map((a) => a.data.tenantId as string);
}

/** Types `text` and waits until its progress card was edited into a result (or an error). */
export async function runPending(
  bot: BotHarness,
  text: string,
  who: Who = {},
): Promise<{ progress: any; result: any; activityId: string }> {
  const since = bot.teams.requests.length;
  const [progress] = await bot.say(text, who);
  // The message that carried this progress card, and so the id its edits go to.
  const sent = bot.teams.requests
    .slice(since)
    .find(
      (r) =>
        r.method === 'POST' && JSON.stringify(r.body?.attachments?.[0]?.content) === JSON.stringify(progress),
    );
  if (!sent) throw new Error(`no progress card for "${text}"`);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const put = bot.teams.requests
      .slice(since)
      .filter((r) => r.method === 'PUT' && r.path.endsWith(`/activities/${encodeURIComponent(sent.id)}`))
      .find((r) =>
        /Need action|didn't work|Partner Center/.test(cardText(r.body?.attachments?.[0]?.content)),
      );
    if (put) return { progress, result: put.body.attachments[0].content, activityId: sent.id };
    if (Date.now() > deadline) throw new Error(`no result card for "${text}"`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Clicks Next from the first page to the last; returns every page's card. */
export async function allPages(bot: BotHarness, first: any): Promise<any[]> {
  const pages = [first];
  for (;;) {
    const next = executeActions(pages.at(-1)).find((a) => a.verb === 'portfolioPage' && a.title === 'Next');
    if (!next) return pages;
    const res = await bot.click(next.verb, next.data);
    if (res.status !== 200) throw new Error(`Next answered ${res.status}`);
    pages.push(res.card);
    if (pages.length > 100) throw new Error('too many pages');
  }
}

export function csvLink(card: any): string {
  const link = openUrls(card).find((l) => l.title === 'Download CSV');
  if (!link) throw new Error('no CSV link on the card');
  return link.url;
}

/** Parses the bot's CSV (RFC 4180, as written by report-csv.ts). */
export function parseCsv(raw: string): string[][] {
  const text = raw.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && ch === '"') {
      quoted = false;
    } else if (quoted) {
      cell += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}
