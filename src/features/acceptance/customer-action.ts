import { audit } from '../../core/audit';
import type { FeatureContext } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Signer } from '../../core/signing';

const PURPOSE = 'customer-action';

export function customerActionSignature(signer: Signer, requestId: string, customerTenantId: string): string {
  return signer.sign([PURPOSE, requestId, customerTenantId]);
}

/**
 * Checks a customer card action before anything else happens: the data must carry our signature,
 * and the person clicking must be in the tenant the card was issued to. Anything else is refused
 * and audited (a forged card, or a card forwarded to another organisation).
 */
export async function verifyCustomerAction(
  ctx: FeatureContext,
  data: Record<string, unknown>,
): Promise<{ requestId: string; customerTenantId: string }> {
  const requestId = typeof data.requestId === 'string' ? data.requestId : '';
  const customerTenantId = typeof data.tenantId === 'string' ? data.tenantId.toLowerCase() : '';
  const sig = typeof data.sig === 'string' ? data.sig : '';
  const genuine =
    requestId !== '' && sig !== '' && ctx.services.signer.verify([PURPOSE, requestId, customerTenantId], sig);
  if (genuine && ctx.caller.tenantId === customerTenantId) return { requestId, customerTenantId };
  await audit(ctx, 'action.forged', {
    customerTenantId: genuine ? customerTenantId : undefined,
    details: { reason: genuine ? 'wrong-tenant' : 'bad-signature' },
  });
  throw new AppError(
    'FORGED_ACTION',
    'This card belongs to another organisation or was changed. Nothing was done.',
  );
}
