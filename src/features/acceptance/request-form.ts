import type { FeatureContext, Reply } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import { requireRole } from '../access';
import { isMcaSatisfied, readAgreementStatus, STATE_LABEL } from '../status';
import { defaultAgreementLanguage } from './agreement-languages';
import { renderAcceptanceForm } from './form-card';
import { renderRequestCard } from './request-card';
import { openRequestFor } from './request-store';
import type { Customer } from '../../partner-center/types';

/** The prefilled form for one customer — or the open request, or "already accepted". */
export async function requestFormReply(ctx: FeatureContext, customer: Customer): Promise<Reply> {
  await requireRole(ctx, ['admin', 'sales']);
  const s = stringsFor(ctx.locale);
  const company = escapeMarkdown(customer.companyProfile.companyName);
  const open = await openRequestFor(ctx.services, customer.id);
  if (open) return { card: renderRequestCard(open, ctx.locale) };
  const status = await readAgreementStatus(ctx.services, customer);
  if (isMcaSatisfied(status)) {
    return {
      card: renderNoticeCard(
        {
          title: t(s, STATE_LABEL[status.state]),
          message: t(s, 'request.alreadyAccepted', { company }),
          tone: 'default',
        },
        ctx.locale,
      ),
    };
  }
  const billing = customer.billingProfile;
  const country = (
    billing?.defaultAddress?.country ??
    customer.companyProfile.address?.country ??
    ''
  ).toUpperCase();
  return {
    card: renderAcceptanceForm(
      customer.id,
      {
        firstName: billing?.firstName ?? '',
        lastName: billing?.lastName ?? '',
        email: billing?.email ?? '',
        phone: billing?.defaultAddress?.phoneNumber,
        companyName: billing?.companyName ?? customer.companyProfile.companyName,
        country,
        language: defaultAgreementLanguage(country || 'US', billing?.culture),
      },
      {},
      ctx.locale,
    ),
  };
}
