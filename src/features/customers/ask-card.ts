import { escapeMarkdown } from '../../cards/escape';
import { countryName, formatDateTime } from '../../cards/format';
import { stringsFor, t } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import type { Customer } from '../../partner-center/types';

/**
 * "Contoso asks to accept the MCA", for the partner's notification conversation. **Send acceptance
 * request** opens the normal request form, prefilled from the customer's billing profile.
 */
export function renderAskCard(customer: Customer, askedAt: string, locale: string): AdaptiveCard {
  const s = stringsFor(locale);
  const company = escapeMarkdown(customer.companyProfile.companyName);
  const country =
    customer.billingProfile?.defaultAddress?.country ?? customer.companyProfile.address?.country;
  return renderTemplate('customer-ask', locale, {
    title: t(s, 'ask.title', { company }),
    message: t(s, 'ask.message', { company }),
    tenantId: customer.id,
    facts: [
      { title: t(s, 'status.fact.domain'), value: escapeMarkdown(customer.companyProfile.domain) },
      { title: t(s, 'status.fact.tenantId'), value: customer.id },
      {
        title: t(s, 'status.fact.country'),
        value: countryName(country, locale) ?? t(s, 'status.unknownCountry'),
      },
      { title: t(s, 'ask.fact.askedAt'), value: `${formatDateTime(askedAt, locale)} UTC` },
    ],
  });
}
