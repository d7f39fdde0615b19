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

/** A GDAP relationship id: a GUID, or two joined by a hyphen (`<guid>-<guid>`, as Graph makes them). */
const GDAP_RELATIONSHIP_ID = /^[0-9a-f-]{36,73}$/i;

/** The relationship id on a GDAP card (relationships and gdap-access cards). */
export function relationshipIdOf(data: Record<string, unknown>): string {
  return idFrom(
    data,
    'relationshipId',
    'This card does not name a valid admin relationship. Type gdap <customer> again.',
    GDAP_RELATIONSHIP_ID,
  );
}
