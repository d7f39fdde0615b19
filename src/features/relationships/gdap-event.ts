import { audit } from '../../core/audit';
import type { Services } from '../../core/context';
import type { AuditAction } from '../../core/audit';
import { escapeMarkdown } from '../../cards/escape';
import { formatDate } from '../../cards/format';
import { stringsFor, t, type LocaleKey } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import { GDAP_STAGE_WORDS, renderGdapCard } from './gdap-card';
import { gdapStage } from '../status';
import { getTracked, updateTracked, withGraphState } from './gdap-store';
import { notifyTarget } from './partner-channel';
import { untracked } from './refresh-gdap';
import { followAccess } from '../gdap-access';

export const GDAP_EVENTS = [
  'granular-admin-relationship-approved',
  'granular-admin-relationship-activated',
  'granular-admin-relationship-terminated',
  'granular-admin-relationship-expired',
] as const;
/**
 * Not a Partner Center event: the reconcile job's own signal that an active relationship entered its
 * last 30 days, so the tracking card shows Renew and the partner hears it once.
 */
export const GDAP_EXPIRING_SOON = 'granular-admin-relationship-expiring';
export type GdapEventName = (typeof GDAP_EVENTS)[number] | typeof GDAP_EXPIRING_SOON;

/** The partner's notice title for each event. */
const GDAP_NOTICE: Record<GdapEventName, LocaleKey> = {
  'granular-admin-relationship-approved': 'gdap.notice.granular-admin-relationship-approved',
  'granular-admin-relationship-activated': 'gdap.notice.granular-admin-relationship-activated',
  'granular-admin-relationship-terminated': 'gdap.notice.granular-admin-relationship-terminated',
  'granular-admin-relationship-expired': 'gdap.notice.granular-admin-relationship-expired',
  'granular-admin-relationship-expiring': 'gdap.notice.granular-admin-relationship-expiring',
};

const AUDIT_ACTION: Record<GdapEventName, AuditAction> = {
  'granular-admin-relationship-approved': 'gdap.approved',
  'granular-admin-relationship-activated': 'gdap.activated',
  'granular-admin-relationship-terminated': 'gdap.terminated',
  'granular-admin-relationship-expired': 'gdap.expired',
  'granular-admin-relationship-expiring': 'gdap.expiring',
};

/**
 * A GDAP relationship changed (webhook or reconcile): re-read it from Graph, edit its tracking card
 * in place, and tell the partner channel — once per event and relationship.
 */
export async function onGdapChange(
  services: Services,
  relationshipId: string,
  eventName: GdapEventName,
): Promise<void> {
  const relationship = await services.gdap.get(relationshipId);
  const now = services.clock.now();
  const before = await getTracked(services, relationshipId);
  if (before?.notified?.includes(eventName)) return;
  const shown = before
    ? ((await updateTracked(services, relationshipId, (cur) => withGraphState(cur, relationship, now))) ??
      before)
    : untracked(relationship, services);
  const options = { partnerName: services.partner.name, now };
  const card = shown.card;
  const stage = gdapStage(shown, now);
  if (card) {
    await services.messenger
      .update(card, card.activityId, { card: renderGdapCard(shown, { ...options, locale: card.locale }) })
      .catch((err: unknown) => services.log.warn({ err }, 'could not update the GDAP card'));
  }
  // The groups lose the roles with the relationship: the access card says so.
  if (stage === 'terminated' || stage === 'expired') {
    await followAccess(services, relationshipId, { ended: true }).catch((err: unknown) =>
      services.log.warn({ err }, 'could not update the access record'),
    );
  }
  const target = await notifyTarget(services);
  if (target) {
    const s = stringsFor(target.locale);
    const company = escapeMarkdown(shown.companyName || shown.customerTenantId);
    const notice = renderNoticeCard(
      {
        title: t(s, GDAP_NOTICE[eventName], { company }),
        message: t(s, GDAP_STAGE_WORDS[stage].explanation, {
          partner: escapeMarkdown(services.partner.name, 80),
          date: shown.endDateTime ? formatDate(shown.endDateTime, target.locale) : '',
        }),
        tone: stage === 'active' || stage === 'approved' ? 'default' : 'warning',
      },
      target.locale,
    );
    await services.messenger.send(target, { card: notice });
  }
  if (before) {
    await updateTracked(services, relationshipId, (cur) => ({
      ...cur,
      notified: [...(cur.notified ?? []), eventName],
    }));
  }
  await audit({ services }, AUDIT_ACTION[eventName], {
    customerTenantId: shown.customerTenantId || undefined,
    details: { relationshipId: relationshipId.toLowerCase(), status: relationship.status },
    at: now.toISOString(),
  });
}
