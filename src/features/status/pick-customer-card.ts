import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import type { CustomerSummary } from '../../partner-center/types';
import { MAX_MATCHES } from './find-customers';

/** "Several customers match": up to MAX_MATCHES rows, each with a Show status button. */
export function renderPickCustomerCard(
  query: string,
  matches: CustomerSummary[],
  locale: string,
): AdaptiveCard {
  const s = stringsFor(locale);
  const shown = matches.slice(0, MAX_MATCHES);
  const more = matches.length > MAX_MATCHES;
  return renderTemplate('pick-customer', locale, {
    title: t(s, 'pick.title', {
      count: more ? `${MAX_MATCHES}+` : String(matches.length),
      query: escapeMarkdown(query, 80),
    }),
    matches: shown.map((c) => ({
      tenantId: c.id,
      companyName: escapeMarkdown(c.companyProfile.companyName),
      domain: escapeMarkdown(c.companyProfile.domain),
    })),
    more: more ? t(s, 'pick.more') : '',
  });
}
