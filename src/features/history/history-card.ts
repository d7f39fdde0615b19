import { escapeMarkdown } from '../../cards/escape';
import { formatDateTime } from '../../cards/format';
import type { AuditAction } from '../../core/audit';
import { keyIn, stringsFor, t, type LocaleKey, type Strings } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import type { AuditEntry } from '../../store/types';
import { displayNameKey } from './display-names';

export interface HistoryCardInput {
  tenantId: string;
  /** Company name if known, else the card shows the tenant id. */
  companyName?: string;
  entries: AuditEntry[];
  /** Id to continue from (older entries), when there are more. */
  nextBeforeId?: number;
  locale: string;
  partnerTenantId: string;
  /** Teams display names known to the bot, by `displayNameKey(tenantId, aadObjectId)`. */
  names?: Map<string, string>;
}

/** Labels of the audited actions; actions without one (added by later features) read as their words. */
const ACTION_LABELS: Readonly<Partial<Record<AuditAction, LocaleKey>>> = {
  'status.checked': 'history.action.status.checked',
  'status.refreshed': 'history.action.status.refreshed',
  'access.refused': 'history.action.access.refused',
  'action.forged': 'history.action.action.forged',
  'acceptance.requested': 'history.action.acceptance.requested',
  'acceptance.delivered': 'history.action.acceptance.delivered',
  'acceptance.cancelled': 'history.action.acceptance.cancelled',
  'acceptance.accepted': 'history.action.acceptance.accepted',
  'acceptance.finalized': 'history.action.acceptance.finalized',
  'acceptance.expired': 'history.action.acceptance.expired',
};

/** The states an audit entry may record (an agreement's or a request's), as the history shows them. */
const STATE_LABELS: Readonly<Partial<Record<string, LocaleKey>>> = {
  'accepted-attested': 'state.accepted-attested',
  'accepted-directly': 'state.accepted-directly',
  'reacceptance-required': 'state.reacceptance-required',
  'not-accepted': 'state.not-accepted',
  unknown: 'state.unknown',
  queued: 'state.queued',
  sent: 'state.sent',
};

/**
 * "Checked the status" for `status.checked`; actions without a string (added by later features)
 * read as their words: `acceptance.reminder-sent` → "Acceptance reminder sent".
 *
 * @example
 * actionLabel('status.refreshed', stringsFor('en')) // 'Refreshed the status'
 */
function actionLabel(action: string, s: Strings): string {
  const key = keyIn(ACTION_LABELS, action);
  if (key) return t(s, key);
  const words = action.replace(/[._-]+/g, ' ').trim();
  return escapeMarkdown(words.charAt(0).toUpperCase() + words.slice(1), 80);
}

/**
 * Who did it: the Teams display name the bot knows, else a short form of the Entra object id. No
 * user: MCA Assist itself, or the customer's organisation (e.g. accepting on Microsoft's page).
 */
function actor(entry: AuditEntry, s: Strings, input: HistoryCardInput): string {
  const ours = entry.actorTenantId.toLowerCase() === input.partnerTenantId.toLowerCase();
  if (!entry.actorAadObjectId) return t(s, ours ? 'history.actor.system' : 'history.actor.customerOrg');
  const name = input.names?.get(displayNameKey(entry.actorTenantId, entry.actorAadObjectId));
  if (name)
    return ours
      ? escapeMarkdown(name, 100)
      : t(s, 'history.actor.customerNamed', { name: escapeMarkdown(name, 100) });
  const id = escapeMarkdown(entry.actorAadObjectId.slice(0, 8), 8);
  return t(s, ours ? 'history.actor' : 'history.actor.customer', { id });
}

function what(entry: AuditEntry, s: Strings): string {
  const action = actionLabel(entry.action, s);
  const state = entry.details?.state;
  const key = typeof state === 'string' ? keyIn(STATE_LABELS, state) : undefined;
  return key ? t(s, 'history.withState', { action, state: t(s, key) }) : action;
}

/**
 * The audit entries of one customer, newest first, with "Older entries" while there are more.
 *
 * @example
 * renderHistoryCard({ tenantId, companyName, entries, locale: 'en', partnerTenantId })
 */
export function renderHistoryCard(input: HistoryCardInput): AdaptiveCard {
  const { locale } = input;
  const s = stringsFor(locale);
  return renderTemplate('history', locale, {
    title: t(s, 'history.title', { company: escapeMarkdown(input.companyName ?? input.tenantId, 120) }),
    subtitle: t(s, 'history.subtitle', { tenantId: input.tenantId }),
    empty: input.entries.length === 0 ? t(s, 'history.empty') : '',
    entries: input.entries.map((entry) => ({
      what: what(entry, s),
      when: t(s, 'history.when', {
        time: formatDateTime(entry.at, locale),
        who: actor(entry, s, input),
      }),
    })),
    hasMore: input.nextBeforeId !== undefined,
    nextData: { tenantId: input.tenantId, beforeId: input.nextBeforeId ?? 0 },
  });
}
