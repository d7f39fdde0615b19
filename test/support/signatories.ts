/** Request-form fields for demo customers (src/sandbox/seed.ts), as a partner would submit them. */
export const TAILSPIN_ID = '7e54339f-40ba-43cd-8d67-4d7db418ff1a';
export const LUMIERE_ID = 'e22735ea-5cd8-4571-a915-3be63342f40d';

export const TAILSPIN_SIGNATORY = {
  firstName: 'Giulia',
  lastName: 'Romano',
  email: 'giulia.romano@example.com',
  companyName: 'Tailspin Giocattoli S.r.l.',
  country: 'IT',
  language: 'it-IT',
};

export const LUMIERE_SIGNATORY = {
  firstName: 'Chloé',
  lastName: 'Lefèvre',
  email: 'chloe.lefevre@example.com',
  companyName: 'Lumière & Fils SARL',
  country: 'FR',
  language: 'fr-FR',
};
