import type { CustomerSearchField } from '../partner-center/types';
import type { SandboxCustomer } from './types';

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 500;

export interface CustomerFilter {
  field: CustomerSearchField;
  value: string;
}

/** Thrown for query input Partner Center would refuse with 400. */
export class QueryError extends Error {}

/**
 * Parses the `filter` query parameter (already URL-decoded). Keys match case-insensitively as the
 * service's JSON binder does; only the two fields the bot uses are emulated.
 */
export function parseFilter(raw: string | null): CustomerFilter | undefined {
  if (raw === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new QueryError('The filter is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new QueryError('The filter must be a JSON object.');
  const byKey = new Map(Object.entries(parsed).map(([k, v]) => [k.toLowerCase(), v as unknown]));
  const field = byKey.get('field');
  const value = byKey.get('value');
  const operator = byKey.get('operator');
  if (field !== 'CompanyName' && field !== 'Domain') {
    throw new QueryError(`Unsupported filter Field ${JSON.stringify(field)}; use "CompanyName" or "Domain".`);
  }
  if (typeof operator !== 'string' || operator.toLowerCase() !== 'starts_with') {
    throw new QueryError(
      `Unsupported filter Operator ${JSON.stringify(operator)}; only "starts_with" exists.`,
    );
  }
  if (typeof value !== 'string') throw new QueryError('The filter Value must be a string.');
  return { field, value };
}

export function applyFilter(
  customers: SandboxCustomer[],
  filter: CustomerFilter | undefined,
): SandboxCustomer[] {
  if (!filter) return customers;
  const prefix = fold(filter.value);
  return customers.filter((c) => {
    if (filter.field === 'CompanyName') return fold(c.companyProfile.companyName).startsWith(prefix);
    const domains = [c.companyProfile.domain, ...(c.customDomains ?? [])];
    return domains.some((d) => fold(d).startsWith(prefix));
  });
}

/** Case-insensitive and normalisation-insensitive, so "mü" finds "Müller" however it was typed. */
function fold(s: string): string {
  return s.normalize('NFC').toLowerCase();
}

export function parseSize(raw: string | null): number {
  if (raw === null || raw === '') return DEFAULT_PAGE_SIZE;
  if (!/^\d+$/.test(raw)) throw new QueryError(`size must be a whole number, got "${raw}".`);
  const n = Number(raw);
  // The documented filter example sends size=0 and still gets results, so 0 means "default".
  if (n === 0) return DEFAULT_PAGE_SIZE;
  return Math.min(n, MAX_PAGE_SIZE);
}

interface ContinuationState {
  offset: number;
  filter?: CustomerFilter;
}

/** Opaque to clients; self-contained so paging needs no server-side memory. */
export function encodeContinuation(state: ContinuationState): string {
  return Buffer.from(JSON.stringify({ v: 1, ...state }), 'utf8').toString('base64url');
}

export function decodeContinuation(token: string | undefined): ContinuationState {
  if (!token) throw new QueryError('seekOperation=Next needs the MS-ContinuationToken header.');
  try {
    const s = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (s.v === 1 && Number.isInteger(s.offset) && (s.offset as number) >= 0) {
      const filter = s.filter === undefined ? undefined : parseFilter(JSON.stringify(toWire(s.filter)));
      return { offset: s.offset as number, filter };
    }
  } catch {
    // Falls through to the one error below: a token is either ours or invalid.
  }
  throw new QueryError('The continuation token is invalid or has expired.');
}

export function toWire(filter: unknown): { Field: unknown; Value: unknown; Operator: string } {
  const f = filter as Partial<CustomerFilter>;
  return { Field: f.field, Value: f.value, Operator: 'starts_with' };
}
