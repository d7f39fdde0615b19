import { describe, expect, it } from 'vitest';
import { csvCell, portfolioCsv } from '../../src/features/portfolio/report-csv';
import type { PortfolioRow } from '../../src/features/portfolio/types';

const row: PortfolioRow = {
  tenantId: '8fdcceb0-8c63-411f-a6f0-27304fb58973',
  companyName: 'Contoso Pharma GmbH',
  domain: 'contosopharma.onmicrosoft.com',
  country: 'DE',
  state: 'reacceptance-required',
  lastAttestation: '2022-09-19T13:45:00',
  checkedAt: '2026-03-02T10:00:00.000Z',
};

describe('portfolio CSV', () => {
  it('starts with a UTF-8 byte order mark and uses CRLF line ends', () => {
    const csv = portfolioCsv([row]);
    expect(csv.startsWith('\uFEFFCompany,Domain,Tenant ID,Country,Status,Status code')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes one row per customer with the card’s state label and the attestation date only', () => {
    const [, line] = portfolioCsv([row]).split('\r\n');
    expect(line).toBe(
      'Contoso Pharma GmbH,contosopharma.onmicrosoft.com,8fdcceb0-8c63-411f-a6f0-27304fb58973,DE,Re-acceptance needed,reacceptance-required,2022-09-19,2026-03-02T10:00:00.000Z',
    );
  });

  it('labels a customer Partner Center did not answer for as “can’t tell — retry”', () => {
    const [, line] = portfolioCsv([{ ...row, state: 'unknown', reason: 'unavailable' }]).split('\r\n');
    expect(line).toContain("Can't tell — retry,unknown:unavailable");
  });

  it('quotes commas, quotes, semicolons and line breaks', () => {
    expect(csvCell('Fabrikam, Inc.')).toBe('"Fabrikam, Inc."');
    expect(csvCell('The "Best" Ltd')).toBe('"The ""Best"" Ltd"');
    expect(csvCell('A;B')).toBe('"A;B"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('Müller GmbH & Co. KG')).toBe('Müller GmbH & Co. KG');
  });

  it('defuses cells that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1 206')).toBe("'+1 206");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('Fine Name')).toBe('Fine Name');
  });
});
