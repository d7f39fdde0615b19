import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/core/errors';
import { parseCustomerQuery } from '../../src/features/status/find-customers';

function problem(raw: string): string {
  try {
    parseCustomerQuery(raw);
  } catch (err) {
    if (isAppError(err, 'INPUT_INVALID')) return err.message;
    throw err;
  }
  throw new Error('expected INPUT_INVALID');
}

describe('parseCustomerQuery', () => {
  it('recognises a tenant id in any case', () => {
    expect(parseCustomerQuery(' 434FB1A8-7442-4F06-A915-A825A1BB25B0 ')).toEqual({
      kind: 'tenantId',
      value: '434fb1a8-7442-4f06-a915-a825a1bb25b0',
    });
  });

  it('recognises a domain', () => {
    expect(parseCustomerQuery('Contoso.onmicrosoft.com')).toEqual({
      kind: 'domain',
      value: 'contoso.onmicrosoft.com',
    });
  });

  it('treats everything else as the start of a company name, without quotes and extra spaces', () => {
    expect(parseCustomerQuery('  "Müller   & Söhne" ')).toEqual({ kind: 'name', value: 'Müller & Söhne' });
    expect(parseCustomerQuery('Fabrikam, Inc.')).toEqual({ kind: 'name', value: 'Fabrikam, Inc.' });
  });

  it('explains empty, too long, control characters and malformed GUIDs', () => {
    expect(problem('   ')).toContain('Tell me which customer');
    expect(problem('x'.repeat(201))).toContain('200 characters');
    expect(problem('abc\u0000def')).toContain('control characters');
    expect(problem('434fb1a8-7442-4f06-a915-a825a1bb25bz0')).toContain('not a valid GUID');
  });

  it('accepts exactly 200 characters', () => {
    expect(parseCustomerQuery('x'.repeat(200)).kind).toBe('name');
  });
});
