import { readFileSync } from 'node:fs';
import path from 'node:path';
import { assetsDir } from './assets';
import { escapeHtml } from './escape';
import { t, type Strings, type LocaleKey } from './i18n';

/** E-mail body templates in `cards/email/*.html`, beside the card templates. */
export type EmailName = 'customer-request' | 'purchase-reminder' | 'relationship-customer';

const templates = new Map<EmailName, string>();

function template(name: EmailName): string {
  let html = templates.get(name);
  if (html === undefined) {
    html = readFileSync(path.join(assetsDir(), 'email', `${name}.html`), 'utf8').replace(/\n$/, '');
    templates.set(name, html);
  }
  return html;
}

/**
 * Fills an e-mail template: `{{name}}` is text (HTML-escaped here), `{{{name}}}` is HTML the caller
 * built with `htmlString`, and `{{#name}}…{{/name}}` is kept only when `name` is not empty.
 *
 * @example
 * renderEmailHtml('purchase-reminder', { intro, onHold, message, reviewUrl, … })
 */
export function renderEmailHtml(name: EmailName, fields: Record<string, string>): string {
  return template(name)
    .replace(/\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\1\}\}/g, (_, key: string, inner: string) =>
      fields[key] ? inner : '',
    )
    .replace(/\{\{\{(\w+)\}\}\}/g, (_, key: string) => fields[key] ?? '')
    .replace(/\{\{(\w+)\}\}/g, (_, key: string) => escapeHtml(fields[key] ?? ''));
}

/** A string for the plain-text part: parameters as they are, the Markdown bold markers removed. */
export function plainString(
  s: Strings,
  key: LocaleKey,
  params: Record<string, string | number> = {},
): string {
  return t(s, key, params).replace(/\*\*/g, '');
}

/** A string for the HTML part: parameters HTML-escaped, Markdown bold as `<strong>`. */
export function htmlString(s: Strings, key: LocaleKey, params: Record<string, string | number> = {}): string {
  const safe = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? escapeHtml(v) : v]),
  );
  return t(s, key, safe).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
}
