import type { Services } from '../../core/context';
import { isAppError } from '../../core/errors';

const KIND = 'digest.subscription';

/** A team channel that asked for the daily digest. Ids only. */
export interface DigestSubscription {
  tenantId: string;
  conversationId: string;
  /** Language of the digest: the locale of whoever typed `digest on`. */
  locale: string;
  subscribedBy: string;
  subscribedAt: string;
}

function idOf(tenantId: string, conversationId: string): string {
  return `${tenantId}/${conversationId}`;
}

export async function getSubscription(
  services: Services,
  tenantId: string,
  conversationId: string,
): Promise<DigestSubscription | undefined> {
  return (await services.store.records.get<DigestSubscription>(KIND, idOf(tenantId, conversationId)))?.value;
}

/** @returns false when the channel was subscribed already. */
export async function addSubscription(
  services: Services,
  subscription: DigestSubscription,
): Promise<boolean> {
  const id = idOf(subscription.tenantId, subscription.conversationId);
  try {
    await services.store.records.put(KIND, id, subscription, undefined, { index1: subscription.tenantId });
    return true;
  } catch (err) {
    if (isAppError(err, 'STORE_CONFLICT')) return false;
    throw err;
  }
}

/** @returns false when there was none. */
export async function removeSubscription(
  services: Services,
  tenantId: string,
  conversationId: string,
): Promise<boolean> {
  return services.store.records.delete(KIND, idOf(tenantId, conversationId));
}
