import type { FeatureContext, Reply } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderTemplate } from '../../cards/render';
import { readCustomerDirectory, knownStatus, STATE_LABEL } from '../status';

/** A card stays well inside Teams' size limit; the choice list is searchable in Teams. */
export const MAX_CHOICES = 100;
const NEEDS_ACCEPTANCE: readonly string[] = ['not-accepted', 'reacceptance-required'];

/**
 * The partner pasted the admin center's "contact your partner": what it means from the partner's
 * side, and a searchable pick-one of customers (those last seen needing acceptance first) with
 * **Send acceptance request** (the normal prefilled request form) and **Show status**.
 */
export async function partnerAdminCenterReply(ctx: FeatureContext): Promise<Reply> {
  const { services, locale } = ctx;
  const s = stringsFor(locale);
  const all = await readCustomerDirectory(services);
  const ranked = await Promise.all(
    all.map(async (c) => {
      const known = await knownStatus(services, c.id);
      const rank = !known ? 1 : NEEDS_ACCEPTANCE.includes(known.state) ? 0 : 2;
      return { c, known, rank };
    }),
  );
  ranked.sort(
    (a, b) => a.rank - b.rank || a.c.companyProfile.companyName.localeCompare(b.c.companyProfile.companyName),
  );
  // Plain text: Teams shows choice titles as typed, without Markdown.
  const choices = ranked.slice(0, MAX_CHOICES).map(({ c, known }) => ({
    title: [
      c.companyProfile.companyName.slice(0, 120),
      `(${c.companyProfile.domain.slice(0, 80)})`,
      ...(known ? [`· ${t(s, STATE_LABEL[known.state])}`] : []),
    ].join(' '),
    value: c.id,
  }));
  return {
    card: renderTemplate('admin-center-message', locale, {
      title: t(s, 'adminMsg.partner.title'),
      meaning: t(s, 'adminMsg.partner.meaning'),
      pick: t(s, choices.length > 0 ? 'adminMsg.partner.pick' : 'adminMsg.partner.none'),
      more: all.length > MAX_CHOICES ? t(s, 'adminMsg.partner.more') : '',
      choices,
      hasChoices: choices.length > 0,
      partner: escapeMarkdown(services.partner.name, 80),
    }),
  };
}
