import { AppError } from './errors';

/** A GUID (tenant ids, request ids, role template ids), any case, as a pattern to embed. */
export const GUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Exactly one GUID, any case. */
export const GUID = new RegExp(`^${GUID_PATTERN}$`, 'i');

/**
 * The one reader for ids in card data (user-controlled: anything can come back): the field's id
 * (a GUID unless `pattern` says otherwise), lower-cased, or INPUT_INVALID with `message`, which
 * says what to do instead.
 *
 * @example
 * const tenantId = idFrom(data, 'tenantId', 'This card does not name a valid customer. Type status <customer> again.');
 */
export function idFrom(
  data: Record<string, unknown>,
  field: string,
  message: string,
  pattern = GUID,
): string {
  const value = data[field];
  if (typeof value !== 'string' || !pattern.test(value)) throw new AppError('INPUT_INVALID', message);
  return value.toLowerCase();
}
