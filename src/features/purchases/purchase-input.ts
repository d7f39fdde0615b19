import { GUID } from '../../core/ids';
/** What `POST /api/purchase-blocked` carries, checked. */
export interface PurchaseInput {
  customerTenantId: string;
  offerName: string;
  quantity?: number;
  orderReference: string;
  idempotencyKey?: string;
}

export interface FieldError {
  field: string;
  message: string;
}

/** The largest seat count accepted from a partner or an ordering system. */
export const MAX_QUANTITY = 1_000_000;

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

function text(
  body: Record<string, unknown>,
  field: string,
  max: number,
  errors: FieldError[],
  required: boolean,
): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) errors.push({ field, message: 'is required.' });
    return undefined;
  }
  if (typeof value !== 'string') errors.push({ field, message: 'must be a string.' });
  else if (value.trim().length > max) errors.push({ field, message: `must be at most ${max} characters.` });
  else if (CONTROL.test(value)) errors.push({ field, message: 'must not contain control characters.' });
  else return value.trim();
  return undefined;
}

/**
 * Checks the body field by field, so the caller learns every problem at once. Unknown fields are
 * ignored: ordering systems may send more than we use.
 *
 * @example
 * readPurchaseInput({ customerTenantId: 'x' }).errors
 * // [{ field: 'customerTenantId', message: 'must be a tenant id (GUID).' }, { field: 'offerName', … }, …]
 */
export function readPurchaseInput(body: unknown): { value?: PurchaseInput; errors: FieldError[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { errors: [{ field: '(body)', message: 'must be a JSON object.' }] };
  }
  const b = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  const tenant = text(b, 'customerTenantId', 36, errors, true);
  if (tenant !== undefined && !GUID.test(tenant))
    errors.push({ field: 'customerTenantId', message: 'must be a tenant id (GUID).' });
  const offerName = text(b, 'offerName', 200, errors, true);
  const orderReference = text(b, 'orderReference', 100, errors, true);
  const idempotencyKey = text(b, 'idempotencyKey', 200, errors, false);
  const q = b.quantity;
  if (
    q !== undefined &&
    q !== null &&
    !(typeof q === 'number' && Number.isInteger(q) && q >= 1 && q <= MAX_QUANTITY)
  )
    errors.push({ field: 'quantity', message: `must be a whole number from 1 to ${MAX_QUANTITY}.` });
  if (errors.length > 0 || !tenant || !offerName || !orderReference) return { errors };
  const quantity = typeof q === 'number' ? q : undefined;
  return {
    value: { customerTenantId: tenant.toLowerCase(), offerName, quantity, orderReference, idempotencyKey },
    errors,
  };
}
