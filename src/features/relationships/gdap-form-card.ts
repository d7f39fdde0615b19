import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t, type LocaleKey } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import { DEFAULT_GDAP_DAYS, GDAP_ROLES, type GdapFormValues, type GdapRoleKey } from './gdap-roles';

/** Each preset role as the form offers it: its name and what it allows. */
const ROLE_CHOICE: Record<GdapRoleKey, LocaleKey> = {
  helpdesk: 'gdap.role.helpdesk',
  user: 'gdap.role.user',
  license: 'gdap.role.license',
  serviceSupport: 'gdap.role.serviceSupport',
  globalAdmin: 'gdap.role.globalAdmin',
};

export interface GdapFormView {
  tenantId: string;
  companyName: string;
  partnerName: string;
  values: GdapFormValues;
  /** Shown above the inputs (what Graph or validation refused), already in words. */
  error?: string;
  renew?: boolean;
}

/**
 * A request name that is unique enough and fits Graph's 50 characters: company, "GDAP", date.
 *
 * @example
 * defaultDisplayName('Contoso Ltd', new Date('2026-03-02T10:00:00Z')) // 'Contoso Ltd GDAP 2026-03-02'
 */
export function defaultDisplayName(companyName: string, now: Date): string {
  const company = companyName
    .replace(/[\u0000-\u001F\u007F]/g, '')
    .trim()
    .slice(0, 34)
    .trim();
  return `${company} GDAP ${now.toISOString().slice(0, 10)}`;
}

export function initialValues(companyName: string, now: Date, roles = 'helpdesk'): GdapFormValues {
  return {
    roles,
    durationDays: String(DEFAULT_GDAP_DAYS),
    autoExtend: 'false',
    confirmGlobalAdmin: 'false',
    displayName: defaultDisplayName(companyName, now),
  };
}

/** The GDAP request form: role presets, duration, auto-extend, name. Input values are plain text, not Markdown. */
export function renderGdapForm(view: GdapFormView, locale: string): AdaptiveCard {
  const s = stringsFor(locale);
  const partner = escapeMarkdown(view.partnerName, 80);
  const days = Number(view.values.durationDays);
  return renderTemplate('gdap-form', locale, {
    tenantId: view.tenantId,
    title: t(s, 'gdap.form.title', { company: escapeMarkdown(view.companyName) }),
    renewNote: view.renew ? t(s, 'gdap.form.renewNote') : '',
    // Our own words (validation and explained Graph answers), not user input.
    error: view.error ?? '',
    roleChoices: GDAP_ROLES.map((r) => ({ title: t(s, ROLE_CHOICE[r.key]), value: r.key })),
    roles: view.values.roles,
    globalAdminWarning: t(s, 'gdap.form.globalAdminWarning', { partner }),
    confirmGlobalAdmin: view.values.confirmGlobalAdmin === 'true' ? 'true' : 'false',
    durationDays: Number.isFinite(days) && days > 0 ? days : DEFAULT_GDAP_DAYS,
    autoExtend: view.values.autoExtend === 'true' ? 'true' : 'false',
    displayName: view.values.displayName.slice(0, 50),
  });
}
