/**
 * Languages the MCA document is published in per country, besides en-US which every country has
 * (reference §1.7: `GET /v1/agreementtemplates/{id}/document` answers en-US for any other pair,
 * silently). Culture variants without a document of their own (de-AT, fr-CH, fr-CA, it-CH, es-MX)
 * read the country's listed document in the same language. The bot and the sandbox emulator both
 * read this table, so a link's label and the document the emulator serves cannot drift apart.
 */
export const MCA_DOCUMENT_LANGUAGES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  AT: ['de-DE'],
  BE: ['fr-FR', 'nl-NL'],
  BR: ['pt-BR'],
  CA: ['fr-FR'],
  CH: ['de-DE', 'fr-FR', 'it-IT'],
  DE: ['de-DE'],
  DK: ['da-DK'],
  ES: ['es-ES'],
  FI: ['fi-FI'],
  FR: ['fr-FR'],
  IT: ['it-IT'],
  JP: ['ja-JP'],
  KR: ['ko-KR'],
  LU: ['fr-FR', 'de-DE'],
  MX: ['es-ES'],
  NL: ['nl-NL'],
  NO: ['nb-NO'],
  PL: ['pl-PL'],
  PT: ['pt-PT'],
  SE: ['sv-SE'],
});

/** Every language the MCA can be read in for a country: en-US first. */
export function agreementLanguages(country: string): string[] {
  return ['en-US', ...(MCA_DOCUMENT_LANGUAGES[country.toUpperCase()] ?? [])];
}

/**
 * The published language closest to a culture: the exact tag, else the same language in another
 * region (de-AT → de-DE for Austria), else English.
 *
 * @example
 * resolveAgreementLanguage('CA', 'fr-CA') // 'fr-FR'
 */
export function resolveAgreementLanguage(country: string, culture: string | null | undefined): string {
  const options = agreementLanguages(country);
  const wanted = (culture ?? '').toLowerCase();
  const exact = options.find((l) => l.toLowerCase() === wanted);
  if (exact) return exact;
  const base = wanted.split('-')[0];
  return options.find((l) => l.toLowerCase().startsWith(`${base}-`)) ?? 'en-US';
}
