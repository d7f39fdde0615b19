import { t, type Strings } from './i18n';

/**
 * What a customer should know before accepting an invitation or the MCA: a reseller relationship
 * gives the partner no access to existing Azure subscriptions, and a customer who already buys
 * through another partner may be blocked from new purchases with this one until the MCA is
 * accepted. `partner` must already be escaped for where the text goes.
 */
export function disclosureLines(s: Strings, partner: string): string[] {
  return [t(s, 'disclosure.azure', { partner }), t(s, 'disclosure.otherPartner', { partner })];
}
