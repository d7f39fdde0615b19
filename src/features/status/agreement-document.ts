import type { Links } from '../../core/context';
import { resolveAgreementLanguage } from '../../partner-center/agreement-languages';

/**
 * The bot's link to the agreement a customer should read, with the country and the language it
 * really opens (the culture resolved to a published document, never a silent en-US fallback).
 */
export function agreementDocumentFor(
  links: Links,
  country: string | undefined,
  culture: string | undefined,
): { url: string; country: string; language: string } {
  const where = (country ?? '').toUpperCase() || 'US';
  const language = resolveAgreementLanguage(where, culture);
  return { url: links.agreementDocument(where, language), country: where, language };
}
