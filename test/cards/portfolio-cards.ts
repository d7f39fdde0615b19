import { renderHistoryCard } from '../../src/features/history/history-card';
import { renderPortfolioCard } from '../../src/features/portfolio/portfolio-card';
import { portfolioView } from '../../src/features/portfolio/portfolio-view';
import { renderProgressCard } from '../../src/features/portfolio/progress-card';
import type { PortfolioRow, SweepResult } from '../../src/features/portfolio/types';
import type { AgreementState } from '../../src/features/status/agreement-status';

const STATES: AgreementState[] = [
  'accepted-attested',
  'accepted-directly',
  'reacceptance-required',
  'not-accepted',
  'unknown',
];

function rows(n: number): PortfolioRow[] {
  return Array.from({ length: n }, (_, i) => ({
    tenantId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    companyName: i === 3 ? '*Star* [Labs](http://x) Pty Ltd' : `Contoso ${i} GmbH`,
    domain: `contoso${i}.onmicrosoft.com`,
    country: i % 4 === 0 ? undefined : ['DE', 'FR', 'JP'][i % 3],
    state: STATES[i % STATES.length]!,
    ...(i % STATES.length === 4
      ? { reason: (['unavailable', 'no-relationship', 'permission'] as const)[i % 3] }
      : {}),
    checkedAt: '2026-03-02T08:00:00.000Z',
  }));
}

export function sweep(n: number, complete = true): SweepResult {
  return {
    id: '20260302080000-0a1b2c3d',
    tenantId: 'partner',
    startedAt: '2026-03-02T08:00:00.000Z',
    finishedAt: '2026-03-02T08:03:00.000Z',
    complete,
    rows: rows(n),
    stats: { fromCache: 0, read: n, retried: 0 },
  };
}

const csvUrl = 'https://bot.example.com/portfolio.csv?sweep=x&exp=1&sig=y';
const progress = { checked: 340, listed: 1200, listingDone: true, startedAt: '2026-03-02T08:00:00.000Z' };

/** Every portfolio, progress and history card variant, for the card validation tests. */
export function portfolioCards(): [string, unknown][] {
  const big = sweep(63);
  return [
    ['progress', renderProgressCard(progress, 'en-US', { joined: false })],
    [
      'progress while listing, joined',
      renderProgressCard({ ...progress, listingDone: false }, 'de-DE', { joined: true }),
    ],
    ['portfolio first page', renderPortfolioCard(portfolioView(big, {}, 0), { locale: 'en-US', csvUrl })],
    ['portfolio middle page', renderPortfolioCard(portfolioView(big, {}, 1), { locale: 'en-GB', csvUrl })],
    [
      'portfolio filtered',
      renderPortfolioCard(portfolioView(big, { country: 'DE', state: 'not-accepted' }, 0), {
        locale: 'en',
        csvUrl,
      }),
    ],
    [
      'portfolio nothing to do',
      renderPortfolioCard(portfolioView(sweep(2), {}, 0), { locale: 'en', csvUrl }),
    ],
    [
      'portfolio incomplete',
      renderPortfolioCard(portfolioView(sweep(7, false), {}, 0), { locale: 'en', csvUrl }),
    ],
    ['digest', renderPortfolioCard(portfolioView(big, {}, 0), { locale: 'en', digest: true })],
    [
      'portfolio with its chart',
      renderPortfolioCard(portfolioView(big, {}, 0), {
        locale: 'en',
        csvUrl,
        chart: { url: 'https://bot.example.com/portfolio.png?sweep=x&sig=y', alt: 'Portfolio chart.' },
      }),
    ],
    [
      'history',
      renderHistoryCard({
        tenantId: '434fb1a8-7442-4f06-a915-a825a1bb25b0',
        companyName: 'Contoso Ltd',
        entries: [
          {
            id: 3,
            at: '2026-03-02T08:00:00Z',
            actorAadObjectId: 'aaaaaaaa-1',
            actorTenantId: 'p',
            action: 'status.checked',
            customerTenantId: 'c',
            details: { state: 'not-accepted' },
          },
          {
            id: 2,
            at: '2026-03-01T08:00:00Z',
            actorAadObjectId: 'bbbbbbbb-2',
            actorTenantId: 'customer',
            action: 'acceptance.reminder-sent',
          },
          {
            id: 1,
            at: '2026-02-28T08:00:00Z',
            actorAadObjectId: '',
            actorTenantId: 'p',
            action: 'status.refreshed',
          },
        ],
        nextBeforeId: 1,
        locale: 'en',
        partnerTenantId: 'p',
      }),
    ],
    [
      'history empty',
      renderHistoryCard({
        tenantId: '434fb1a8-7442-4f06-a915-a825a1bb25b0',
        entries: [],
        locale: 'en',
        partnerTenantId: 'p',
      }),
    ],
  ];
}
