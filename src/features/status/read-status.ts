import { isAppError } from '../../core/errors';
import { customerById } from './customer-lookup';
import type { Services } from '../../core/context';
import type { Customer } from '../../partner-center/types';
import { deriveStatus, type AgreementStatus, type ReadResult, type UnknownReason } from './agreement-status';

/** Which Partner Center failures still let us show a status card ("cannot tell") instead of an error. */
function reasonFor(err: unknown): UnknownReason | undefined {
  if (isAppError(err, 'PC_NO_RELATIONSHIP')) return 'no-relationship';
  if (isAppError(err, 'PC_FORBIDDEN')) return 'permission';
  if (isAppError(err, 'PC_UNAVAILABLE') || isAppError(err, 'PC_THROTTLED')) return 'unavailable';
  return undefined;
}

async function settle<T>(read: Promise<T>): Promise<ReadResult<T>> {
  try {
    return { ok: true, value: await read };
  } catch (err) {
    const reason = reasonFor(err);
    if (reason === undefined) throw err;
    return { ok: false, reason };
  }
}

/**
 * Reads both agreement sources for one customer in parallel and derives its status.
 * Credential problems (401, MFA) still throw: they are the partner's to fix, not the customer's state.
 */
export async function readAgreementStatus(services: Services, customer: Customer): Promise<AgreementStatus> {
  const pc = services.partnerCenter;
  const [attestations, direct] = await Promise.all([
    settle(pc.getCustomerAgreements(customer.id)),
    customer.relationshipToPartner && customer.relationshipToPartner !== 'reseller'
      ? Promise.resolve<ReadResult<never>>({ ok: false, reason: 'no-relationship' })
      : settle(pc.getDirectSignStatus(customer.id)),
  ]);
  return deriveStatus(customer, attestations, direct, services.clock.now());
}

/** Reads a customer by tenant id and its status; a customer this partner does not have is a clear error. */
export async function readStatusByTenantId(services: Services, tenantId: string): Promise<AgreementStatus> {
  const customer = await customerById(services, tenantId);
  return readAgreementStatus(services, customer);
}
