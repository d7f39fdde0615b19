import { escapeMarkdown } from '../../cards/escape';
import { formatDate, formatDateTime } from '../../cards/format';
import { stringsFor, t, type LocaleKey, type Strings } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import { roleNames } from './gdap-roles';
import { gdapStage, type GdapStage } from '../status';
import type { TrackedGdap } from './gdap-store';
import { SENT_TO_CUSTOMER } from './customer-message';
import { TONES, type Tone } from '../../cards/tone';

const TONE: Record<GdapStage, Tone> = {
  created: 'neutral',
  approvalPending: 'info',
  approved: 'good',
  active: 'good',
  expiring: 'warning',
  expired: 'bad',
  terminated: 'bad',
  unknown: 'neutral',
};

/** What each stage says on the GDAP card and in the partner's notice. */
export const GDAP_STAGE_WORDS: Record<GdapStage, { headline: LocaleKey; explanation: LocaleKey }> = {
  created: { headline: 'gdap.status.created.headline', explanation: 'gdap.status.created.explanation' },
  approvalPending: {
    headline: 'gdap.status.approvalPending.headline',
    explanation: 'gdap.status.approvalPending.explanation',
  },
  approved: { headline: 'gdap.status.approved.headline', explanation: 'gdap.status.approved.explanation' },
  active: { headline: 'gdap.status.active.headline', explanation: 'gdap.status.active.explanation' },
  expiring: { headline: 'gdap.status.expiring.headline', explanation: 'gdap.status.expiring.explanation' },
  expired: { headline: 'gdap.status.expired.headline', explanation: 'gdap.status.expired.explanation' },
  terminated: {
    headline: 'gdap.status.terminated.headline',
    explanation: 'gdap.status.terminated.explanation',
  },
  unknown: { headline: 'gdap.status.unknown.headline', explanation: 'gdap.status.unknown.explanation' },
};

function delivered(r: TrackedGdap, s: Strings, locale: string): string {
  if (!r.delivery) return '';
  return t(s, SENT_TO_CUSTOMER[r.delivery.channel], { time: formatDateTime(r.delivery.at, locale) });
}

/**
 * The card that follows one GDAP request: approval pending → active → expiring → expired/ended.
 * Edited in place by the webhook job and by Refresh.
 *
 * @example
 * renderGdapCard(tracked, { locale: 'en-US', partnerName: 'Fabrikam', now: clock.now() })
 */
export function renderGdapCard(
  r: TrackedGdap,
  options: { locale: string; partnerName: string; now: Date },
): AdaptiveCard {
  const { locale } = options;
  const s = stringsFor(locale);
  const stage = gdapStage(r, options.now);
  const pending = stage === 'approvalPending' || stage === 'created';
  const end = r.endDateTime ? formatDate(r.endDateTime, locale) : '';
  const params = { partner: escapeMarkdown(options.partnerName, 80), date: end };
  const facts = [
    { title: t(s, 'gdap.fact.status'), value: t(s, GDAP_STAGE_WORDS[stage].headline) },
    { title: t(s, 'gdap.fact.roles'), value: roleNames(r.roleIds, s) },
    { title: t(s, 'gdap.fact.duration'), value: t(s, 'gdap.fact.durationValue', { days: r.durationDays }) },
    { title: t(s, 'gdap.fact.autoExtend'), value: t(s, r.autoExtend ? 'gdap.yes' : 'gdap.no') },
    ...(end ? [{ title: t(s, 'gdap.fact.ends'), value: end }] : []),
    { title: t(s, 'gdap.fact.name'), value: escapeMarkdown(r.displayName, 60) },
    { title: t(s, 'gdap.fact.id'), value: r.relationshipId },
  ];
  const forward = pending && r.delivery?.channel === 'forward' ? r.delivery.mailto : '';
  return renderTemplate('gdap-status', locale, {
    relationshipId: r.relationshipId,
    title: t(s, 'gdap.status.title', { company: escapeMarkdown(r.companyName) }),
    headline: t(s, GDAP_STAGE_WORDS[stage].headline),
    explanation: t(s, GDAP_STAGE_WORDS[stage].explanation, params),
    ...TONES[TONE[stage]],
    facts,
    link: pending ? r.approvalLink : '',
    delivered: pending ? delivered(r, s, locale) : '',
    mailto: forward,
    canRenew: stage === 'expiring' || stage === 'expired',
    canAssign: stage === 'active' || stage === 'expiring',
    checkedAt: t(s, 'gdap.checkedAt', { time: formatDateTime(r.checkedAt, locale) }),
  });
}
