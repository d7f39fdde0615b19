/**
 * Teams renders a Markdown subset in TextBlocks and FactSet values. Text that comes from outside
 * (company names, signer names, what a user typed) is escaped before it is bound into a card, so
 * "*Star* [Labs](http://evil)" shows literally instead of becoming bold text or a link.
 */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-!~>|<]/g;
// C0/C1 controls, zero-width and bidi-override characters (they can disguise a name).
const CONTROL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * @example
 * escapeMarkdown('*Star* Labs') // '\\*Star\\* Labs'
 */
export function escapeMarkdown(text: string, maxLength = 300): string {
  let clean = text.replace(CONTROL, '').replace(/[\r\n\t]+/g, ' ');
  if (clean.length > maxLength) clean = `${clean.slice(0, maxLength - 1)}…`;
  // "1. " at the start of a line would become an ordered list.
  return clean.replace(MARKDOWN_SPECIAL, '\\$&').replace(/^(\d+)\./, '$1\\.');
}

/**
 * Teams and the Agents Playground drop `<customer>` as an unknown HTML tag, so a usage line lost
 * its arguments. Placeholders are shown as ‹customer› instead (escaped `\<` stays as it is).
 *
 * @example
 * showPlaceholders('history <customer>') // 'history ‹customer›'
 */
export function showPlaceholders(text: string): string {
  return text.replace(/(?<!\\)<([^<>\\\n]{1,80})>/g, '‹$1›');
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML (e-mail bodies): element content and quoted attribute values.
 *
 * @example
 * escapeHtml('A <b>&</b> Co') // 'A &lt;b&gt;&amp;&lt;/b&gt; Co'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
