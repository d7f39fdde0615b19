import type { Services } from '../../core/context';
import type { Customer } from '../../partner-center/types';
import { customerDirectoryIfKept } from './customer-directory';
import { customerById } from './customer-lookup';
import { customerFrom, knownStatus, type StatusSnapshot } from './status-cache';

/**
 * How long a status card reuses the billing country and culture (`GET /v1/customers/{id}`) read
 * for that customer before; the Refresh button always reads them again. Acceptance is never reused.
 */
export const PROFILE_REUSE_MS = 24 * 3_600_000;

/**
 * The customer a status card is about: listed in the partner's customer directory, with the
 * billing country and culture of its last status read if that is younger than a day; otherwise read
 * in full from Partner Center (which also refuses a customer this partner does not have).
 * `profileReadAt` says when the country and culture were read; `known` is the snapshot kept, if read.
 *
 * @example
 * const { customer, profileReadAt } = await customerForStatus(services, tenantId, { fresh: false });
 */
export async function customerForStatus(
  services: Services,
  tenantId: string,
  options: { fresh: boolean },
): Promise<{ customer: Customer; profileReadAt?: string; known?: StatusSnapshot }> {
  if (!options.fresh) {
    const [directory, known] = await Promise.all([
      customerDirectoryIfKept(services),
      knownStatus(services, tenantId),
    ]);
    const listed = directory?.byId(tenantId);
    const age = known ? services.clock.now().getTime() - Date.parse(known.profileReadAt) : Infinity;
    if (listed && known && age >= 0 && age < PROFILE_REUSE_MS) {
      return { customer: customerFrom(listed, known), profileReadAt: known.profileReadAt, known };
    }
  }
  return { customer: await customerById(services, tenantId) };
}
