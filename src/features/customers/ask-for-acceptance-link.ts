import { audit } from '../../core/audit';
import type { Services } from '../../core/context';
import type { VerbHandler } from '../../core/router';
import type { Customer } from '../../partner-center/types';
import { openRequestFor, takeCustomerAsk } from '../acceptance';
import { notifyTarget } from '../relationships';
import { readAgreementStatus } from '../status';
import { renderAskCard } from './ask-card';
import { customerStatusReply } from './customer-status-reply';
import { needsAcceptance, type CustomerStatusNote } from './customer-status-card';
import { ownCustomer, strangerReply } from './own-customer';

/** The fixed text an ask counts as: asking twice in a day is one ask. */
const ASK_TEXT = 'ask-for-acceptance-link';

/** Posts the ask card to the partner, within the customer's daily limit. */
async function askPartner(services: Services, customer: Customer): Promise<CustomerStatusNote> {
  const target = await notifyTarget(services);
  if (!target) return 'ask-unreachable';
  const decision = await takeCustomerAsk(services, customer.id, ASK_TEXT);
  if (decision === 'repeat') return 'asked-repeat';
  if (decision === 'limit') return 'ask-limit';
  try {
    const askedAt = services.clock.now().toISOString();
    await services.messenger.send(target, { card: renderAskCard(customer, askedAt, target.locale) });
    return 'asked';
  } catch (err) {
    services.log.warn(
      { err, customerTenantId: customer.id },
      'could not post the customer ask to the partner',
    );
    return 'ask-unreachable';
  }
}

/**
 * `askForAcceptanceLink` (customer, one click): the partner's notification conversation gets
 * "Contoso asks to accept the MCA" with **Send acceptance request**. Shares the customer's daily
 * limit with their questions (src/features/acceptance/ask-limit.ts) and is audited, whatever the outcome.
 */
export const askForAcceptanceLink: VerbHandler = async (ctx) => {
  const customer = await ownCustomer(ctx);
  if (!customer) return strangerReply(ctx);
  const { services } = ctx;
  const open = await openRequestFor(services, customer.id);
  let note: CustomerStatusNote;
  if (open?.acceptanceUrl) note = 'already-open';
  else if (!needsAcceptance(await readAgreementStatus(services, customer))) note = 'not-needed';
  else note = await askPartner(services, customer);
  await audit(ctx, 'customer.asked-link', {
    customerTenantId: customer.id,
    details: { outcome: note ?? 'none' },
  });
  return customerStatusReply(ctx, customer, { note });
};
