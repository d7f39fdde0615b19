import { describe, expect, it } from 'vitest';
import { isAdminCenterMessage } from '../../src/features/customers/admin-center-message';

describe('the admin center’s “contact your partner” sentence', () => {
  it.each([
    ['en', 'Please contact your partner to confirm your consent to the Microsoft customer contract'],
    [
      'en (Microsoft’s other wording)',
      'Please reach out to your Partner to confirm your acceptance of the Microsoft Customer Agreement.',
    ],
    ['en (short)', 'contact partner to confirm MCA consent'],
    [
      'de',
      'Bitte wenden Sie sich an Ihren Partner, um Ihre Zustimmung zum Microsoft-Kundenvertrag zu bestätigen.',
    ],
    [
      'de (capitals, no umlaut)',
      'BITTE WENDEN SIE SICH AN IHREN PARTNER UM IHRE ZUSTIMMUNG ZUR MICROSOFT KUNDENVEREINBARUNG ZU BESTATIGEN',
    ],
    [
      'fr',
      'Veuillez contacter votre partenaire pour confirmer votre consentement au Contrat client Microsoft.',
    ],
    [
      'es',
      'Póngase en contacto con su partner para confirmar su consentimiento al Contrato de cliente de Microsoft.',
    ],
    [
      'es (asociado)',
      'comuniquese con su asociado para confirmar su aceptacion del contrato de cliente de microsoft',
    ],
    ['it', 'Contatta il tuo partner per confermare il consenso al Contratto cliente Microsoft.'],
    [
      'nl',
      'Neem contact op met uw partner om uw toestemming voor de Microsoft-klantovereenkomst te bevestigen.',
    ],
    ['ja', 'Microsoft 顧客契約への同意を確認するには、パートナーに連絡してください。'],
    [
      'pt-BR',
      'Entre em contato com seu parceiro para confirmar seu consentimento com o Contrato de Cliente da Microsoft.',
    ],
    [
      'pasted with quotes and line breaks',
      '“Please contact your partner\n to confirm your consent to the Microsoft  customer contract.”',
    ],
  ])('recognises it in %s', (_lang, text) => {
    expect(isAdminCenterMessage(text)).toBe(true);
  });

  it.each([
    'status contoso',
    'contact my partner please',
    'The Microsoft Customer Agreement is accepted',
    'Hallo Partner',
    `Please contact your partner to confirm your consent to the Microsoft customer contract ${'x'.repeat(700)}`,
  ])('does not take other text for it: %s', (text) => {
    expect(isAdminCenterMessage(text)).toBe(false);
  });
});
