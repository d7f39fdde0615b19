import { agreementLanguages, resolveAgreementLanguage } from '../../partner-center/agreement-languages';

export { agreementLanguages };

/** The best agreement language for a customer: its billing culture if published, else the local one, else English. */
export function defaultAgreementLanguage(country: string, culture: string | undefined): string {
  return resolveAgreementLanguage(country, culture);
}
