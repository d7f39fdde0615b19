/**
 * Recognises the Microsoft 365 admin center's "Please contact your partner to confirm your consent
 * to the Microsoft customer contract" (and Microsoft's other wording, "Please reach out to your
 * Partner to confirm your acceptance of the Microsoft Customer Agreement") in the 8 languages,
 * typed or pasted: case, accents, punctuation and spacing do not matter, and close variants match
 * because the test is three groups of words — the partner, the agreement, and contacting or
 * consenting — rather than one exact sentence.
 */

/** Lower case, no accents or marks, every run of punctuation or space one space. */
export function normalizeSentence(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const PARTNER = ['partner', 'partenaire', 'socio', 'asociado', 'parceiro', 'パートナー'];
const AGREEMENT = [
  // en
  'customer agreement',
  'customer contract',
  // de
  'kundenvertrag',
  'kundenvereinbarung',
  // fr
  'contrat client',
  'contrat de client',
  'accord client',
  // es
  'contrato de cliente',
  'contrato del cliente',
  'acuerdo de cliente',
  // it
  'contratto cliente',
  'contratto per i clienti',
  'contratto del cliente',
  'accordo cliente',
  // nl
  'klantovereenkomst',
  'klantcontract',
  // ja
  '顧客契約',
  'カスタマー契約',
  // pt-BR
  'contrato de cliente',
  'contrato do cliente',
];
const CONTACT_OR_CONSENT = [
  // en
  'contact',
  'reach out',
  'consent',
  'confirm',
  // de
  'kontakt',
  'wenden',
  'zustimmung',
  'einwilligung',
  'bestatig',
  // fr
  'consentement',
  'acceptation',
  // es
  'comuniquese',
  'consentimiento',
  'aceptacion',
  // it
  'contatt',
  'rivolg',
  'consenso',
  'conferm',
  'accettazione',
  // nl
  'toestemming',
  'bevestig',
  'acceptatie',
  // ja
  '連絡',
  '問い合わせ',
  '同意',
  '承諾',
  '確認',
  // pt-BR
  'contat',
  'aceitacao',
];

const normalizedTerms = (terms: string[]) => terms.map(normalizeSentence);
const GROUPS = [normalizedTerms(PARTNER), normalizedTerms(AGREEMENT), normalizedTerms(CONTACT_OR_CONSENT)];
const MCA = /(^| )mca( |$)/;
/** A pasted sentence, perhaps with the page around it — not an essay. */
const MAX_LENGTH = 600;

/**
 * @example
 * isAdminCenterMessage('please contact your partner to confirm your consent to the microsoft customer contract!') // true
 * isAdminCenterMessage('Bitte wenden Sie sich an Ihren Partner, um Ihre Zustimmung zum Microsoft-Kundenvertrag zu bestätigen.') // true
 * isAdminCenterMessage('status contoso') // false
 */
export function isAdminCenterMessage(text: string): boolean {
  if (text.length > MAX_LENGTH) return false;
  const normal = normalizeSentence(text);
  const [partner, agreement, contact] = GROUPS as [string[], string[], string[]];
  const hasAgreement = MCA.test(normal) || agreement.some((term) => normal.includes(term));
  return (
    hasAgreement &&
    partner.some((term) => normal.includes(term)) &&
    contact.some((term) => normal.includes(term))
  );
}
