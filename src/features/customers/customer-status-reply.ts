import { audit } from '../../core/audit';
import type { FeatureContext, Reply } from '../../core/context';
import type { Customer } from '../../partner-center/types';
import { checkRequest, isOpen, openRequestFor } from '../acceptance';
import { readAgreementStatus } from '../status';
import { adminRights } from './admin-rights';
import { needsAcceptance, renderCustomerStatusCard, type CustomerStatusNote } from './customer-status-card';

export interface CustomerStatusOptions {
  note?: CustomerStatusNote;
  /** "I've accepted": check the open request with Partner Center first (finalizes it once accepted). */
  recheck?: boolean;
  /** Open with what the admin center's "contact your partner" means (admin-center-reply.ts). */
  explainAdminCenter?: boolean;
}

/** The customer's own status card: Partner Center's answer, the open request's link, who has admin rights. */
export async function customerStatusReply(
  ctx: FeatureContext,
  customer: Customer,
  options: CustomerStatusOptions = {},
): Promise<Reply> {
  const { services } = ctx;
  let open = await openRequestFor(services, customer.id);
  if (options.recheck && open) {
    const checked = await checkRequest(services, open.id);
    open = checked && isOpen(checked) ? checked : undefined;
  }
  const status = await readAgreementStatus(services, customer);
  await audit(ctx, 'customer.status', {
    customerTenantId: customer.id,
    details: { state: status.state },
    at: status.checkedAt,
  });
  const country = status.customer.country ?? 'US';
  const language = status.customer.culture ?? 'en-US';
  const note = options.note ?? (options.recheck && needsAcceptance(status) ? 'not-yet' : undefined);
  return {
    card: renderCustomerStatusCard({
      status,
      open,
      note,
      partnerName: services.partner.name,
      locale: ctx.locale,
      documentUrl: services.links.agreementDocument(country, language),
      admin: await adminRights(ctx, customer.id),
      explainAdminCenter: options.explainAdminCenter,
    }),
  };
}
