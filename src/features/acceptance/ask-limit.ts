import { createHash } from 'node:crypto';
import type { Services } from '../../core/context';
import { isAppError } from '../../core/errors';

/** How many messages one customer may send the partner per UTC day (questions and link asks together). */
export const CUSTOMER_ASKS_PER_DAY = 5;
const KIND = 'customer-asks';

interface DayCount {
  count: number;
  /** Hashes of what was sent today: the same text twice is one message. */
  seen: string[];
}

/** 'sent': go ahead (counted). 'repeat': the same text was already sent today. 'limit': today's budget is used up. */
export type AskDecision = 'sent' | 'repeat' | 'limit';

/** Case, spacing and accents do not make a question new. */
function fingerprint(text: string): string {
  const normal = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(normal).digest('base64url').slice(0, 22);
}

/**
 * Takes one of the customer's daily asks for `text` (a question, or a fixed key such as
 * "ask-link"): every customer message to the partner goes through here, so twenty questions
 * cannot become twenty partner posts. Counted with optimistic concurrency, so two clicks at once
 * cannot both take the last one.
 *
 * @example
 * if ((await takeCustomerAsk(services, tenantId, question)) === 'sent') await tellPartner(…);
 */
export async function takeCustomerAsk(
  services: Services,
  customerTenantId: string,
  text: string,
): Promise<AskDecision> {
  const day = services.clock.now().toISOString().slice(0, 10);
  const id = `${customerTenantId.toLowerCase()}:${day}`;
  const print = fingerprint(text);
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = await services.store.records.get<DayCount>(KIND, id);
    const current = found?.value ?? { count: 0, seen: [] };
    if (current.seen.includes(print)) return 'repeat';
    if (current.count >= CUSTOMER_ASKS_PER_DAY) return 'limit';
    try {
      await services.store.records.put(
        KIND,
        id,
        { count: current.count + 1, seen: [...current.seen, print] },
        found?.etag,
        { index1: customerTenantId.toLowerCase() },
      );
      return 'sent';
    } catch (err) {
      if (!isAppError(err, 'STORE_CONFLICT')) throw err;
    }
  }
  return 'limit';
}
