import { GUID } from '../core/ids';
import { AppError } from '../core/errors';
import type { CustomerSearchField } from './types';

const SEARCH_FIELDS: readonly CustomerSearchField[] = ['CompanyName', 'Domain'];

/** Throws INPUT_INVALID unless `value` is a GUID; runs before any request is made. */
export function assertTenantId(value: string): void {
  if (typeof value === 'string' && GUID.test(value)) return;
  throw new AppError(
    'INPUT_INVALID',
    'That is not a customer tenant ID. A tenant ID is a GUID such as 0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9; ' +
      'find it in Partner Center under Customers › (customer) › Account.',
  );
}

/** Country codes are case-sensitive for the agreement document (§1.7), so normalise to upper case. */
export function normaliseCountry(value: string): string {
  if (/^[A-Za-z]{2}$/.test(value)) return value.toUpperCase();
  throw new AppError(
    'INPUT_INVALID',
    'The country must be a two-letter ISO 3166 code such as "DE" or "US" (take it from the billing address).',
  );
}

/** Accepts BCP 47 tags such as "en-US" or "de-DE". */
export function assertLanguage(value: string): void {
  if (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value)) return;
  throw new AppError('INPUT_INVALID', 'The language must be a tag such as "en-US" or "de-DE".');
}

export function assertSearch(field: CustomerSearchField, prefix: string): void {
  if (!SEARCH_FIELDS.includes(field)) {
    throw new AppError('INPUT_INVALID', `Customers can be searched by ${SEARCH_FIELDS.join(' or ')} only.`);
  }
  if (prefix.trim() === '') {
    throw new AppError(
      'INPUT_INVALID',
      'Type the first letters of the company name or domain to search for.',
    );
  }
}

/** Throws INPUT_INVALID unless `value` is a whole number in [min, max]. */
export function assertCount(name: string, value: number, min: number, max: number): void {
  if (Number.isInteger(value) && value >= min && value <= max) return;
  throw new AppError('INPUT_INVALID', `${name} must be a whole number from ${min} to ${max}.`);
}
