/**
 * Languages the MCA text is published in per country (Partner Center agreement documents,
 * reference §1.7: every country has en-US, plus its own language where Microsoft publishes one).
 * Partner Center falls back to en-US for other pairs; we refuse them up front instead.
 */
const LOCAL: Record<string, string[]> = {
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
};

export function agreementLanguages(country: string): string[] {
  return ['en-US', ...(LOCAL[country.toUpperCase()] ?? [])];
}

/** The best agreement language for a customer: its billing culture if published, else the local one, else English. */
export function defaultAgreementLanguage(country: string, culture: string | undefined): string {
  const options = agreementLanguages(country);
  const wanted = (culture ?? '').toLowerCase();
  const exact = options.find((l) => l.toLowerCase() === wanted);
  if (exact) return exact;
  const base = wanted.split('-')[0];
  return options.find((l) => l.toLowerCase().startsWith(`${base}-`)) ?? 'en-US';
}
