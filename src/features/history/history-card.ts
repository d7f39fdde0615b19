import { escapeMarkdown } from '../../cards/escape';
import { formatDateTime } from '../../cards/format';
import { stringsFor, t, type Strings, knownKey } from '../../cards/i18n';
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

/**
 * "Checked the status" for `status.checked`; actions without a string (added by later features)
 * read as their words: `acceptance.reminder-sent` → "Acceptance reminder sent".
 *
 * @example
 * actionLabel('status.refreshed', stringsFor('en')) // 'Refreshed the status'
 */
function actionLabel(action: string, s: Strings): string {
  const key = knownKey(`history.action.${action}`);
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
  const key = typeof state === 'string' ? knownKey(`state.${state}`) : undefined;
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
