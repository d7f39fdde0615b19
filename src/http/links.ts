import type { Links } from '../core/context';
import type { Signer } from '../core/signing';

export const AGREEMENT_DOCUMENT_PATH = '/agreement-document';

export function agreementDocumentParts(country: string, language: string): string[] {
  return ['agreement-document', country, language];
}

/** Builds links to the bot's own endpoints under PUBLIC_URL. */
export function createLinks(publicUrl: () => string, signer: Signer): Links {
  return {
    agreementDocument(country, language) {
      const params = new URLSearchParams({
        country,
        language,
        sig: signer.sign(agreementDocumentParts(country, language)),
      });
      return `${publicUrl()}${AGREEMENT_DOCUMENT_PATH}?${params.toString()}`;
    },
  };
}
