import { stringsFor, t, type LocaleKey } from '../../cards/i18n';
import type { Services } from '../../core/context';
import { stateLabel } from './portfolio-card';
import { actionRows } from './portfolio-view';
import { loadSweep } from './sweep-store';
import type { PortfolioFilter, PortfolioRow } from './types';

// Excel opens UTF-8 CSV correctly only with a byte order mark.
const BOM = '\uFEFF';
// A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: formula-looking text gets a leading apostrophe, and quotes, commas, semicolons and
 * line breaks are quoted (RFC 4180).
 *
 * @example
 * csvCell('=HYPERLINK("x")') // `"'=HYPERLINK(""x"")"`
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The report as CSV text: the same rows, in the same order, as the card's pages.
 *
 * @example
 * portfolioCsv(actionRows(sweep, filter)) // '\uFEFFCompany,Domain,…\r\n…'
 */
export function portfolioCsv(rows: PortfolioRow[]): string {
  const s = stringsFor('en');
  const headings: LocaleKey[] = [
    'portfolio.csv.company',
    'portfolio.csv.domain',
    'portfolio.csv.tenantId',
    'portfolio.csv.country',
    'portfolio.csv.status',
    'portfolio.csv.statusCode',
    'portfolio.csv.lastAttestation',
    'portfolio.csv.checkedAt',
  ];
  const lines = [headings.map((key) => csvCell(t(s, key))).join(',')];
  for (const row of rows) {
    const code = row.state === 'unknown' && row.reason ? `unknown:${row.reason}` : row.state;
    lines.push(
      [
        row.companyName,
        row.domain,
        row.tenantId,
        row.country ?? '',
        stateLabel(row, s),
        code,
        row.lastAttestation?.slice(0, 10) ?? '',
        row.checkedAt,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return BOM + lines.join('\r\n') + '\r\n';
}

/**
 * The CSV of a stored sweep under a card's filter, with a file name for the download.
 *
 * @example
 * const { csv, filename } = await sweepCsv(services, sweepId, { country: 'DE' });
 */
export async function sweepCsv(
  services: Services,
  sweepId: string,
  filter: PortfolioFilter,
): Promise<{ csv: string; filename: string }> {
  const sweep = await loadSweep(services, sweepId);
  const suffix = [filter.country, filter.state].filter(Boolean).join('-');
  const date = sweep.finishedAt.slice(0, 10);
  return {
    csv: portfolioCsv(actionRows(sweep, filter)),
    filename: `mca-pending-${date}${suffix ? `-${suffix.toLowerCase()}` : ''}.csv`,
  };
}
