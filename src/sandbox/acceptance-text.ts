/** The acceptance page's words, per language (the attestation's `language` prefix; English otherwise). */
export interface AcceptanceText {
  title: string;
  intro: string;
  company: string;
  signatory: string;
  read: string;
  accept: string;
  confirm: string;
  thanks: string;
  /** `{date}` is replaced. */
  accepted: string;
  expiredTitle: string;
  expired: string;
  unknownTitle: string;
  unknown: string;
  note: string;
}

const en: AcceptanceText = {
  title: 'Microsoft Customer Agreement (sandbox copy)',
  intro: 'Please read the Microsoft Customer Agreement and accept it on behalf of your organisation.',
  company: 'Company',
  signatory: 'Signatory',
  read: 'Read the Microsoft Customer Agreement',
  accept: 'Accept',
  confirm:
    'By selecting Accept, you accept the Microsoft Customer Agreement on behalf of the company named above.',
  thanks: 'Thank you — you accepted the Microsoft Customer Agreement.',
  accepted: 'The Microsoft Customer Agreement was accepted on {date}.',
  expiredTitle: 'This link has expired',
  expired: 'This acceptance link has expired. Ask your partner for a new one.',
  unknownTitle: 'Link not found',
  unknown: 'This acceptance link is not known.',
  note: "This page is served by the MCA Assist sandbox for testing. It is not Microsoft's acceptance page, and accepting here has no legal effect.",
};

const de: AcceptanceText = {
  title: 'Microsoft-Kundenvertrag (Sandbox-Kopie)',
  intro: 'Bitte lesen Sie den Microsoft-Kundenvertrag und akzeptieren Sie ihn im Namen Ihrer Organisation.',
  company: 'Unternehmen',
  signatory: 'Unterzeichner',
  read: 'Microsoft-Kundenvertrag lesen',
  accept: 'Akzeptieren',
  confirm:
    'Mit „Akzeptieren“ nehmen Sie den Microsoft-Kundenvertrag im Namen des oben genannten Unternehmens an.',
  thanks: 'Vielen Dank – Sie haben den Microsoft-Kundenvertrag akzeptiert.',
  accepted: 'Der Microsoft-Kundenvertrag wurde am {date} akzeptiert.',
  expiredTitle: 'Dieser Link ist abgelaufen',
  expired: 'Dieser Annahme-Link ist abgelaufen. Bitten Sie Ihren Partner um einen neuen Link.',
  unknownTitle: 'Link nicht gefunden',
  unknown: 'Dieser Annahme-Link ist nicht bekannt.',
  note: 'Diese Seite stammt aus der MCA-Assist-Sandbox und dient nur zum Testen. Sie ist nicht die Annahmeseite von Microsoft; eine Annahme hier hat keine rechtliche Wirkung.',
};

const fr: AcceptanceText = {
  title: 'Contrat client Microsoft (copie de test)',
  intro: 'Veuillez lire le Contrat client Microsoft et l’accepter au nom de votre organisation.',
  company: 'Société',
  signatory: 'Signataire',
  read: 'Lire le Contrat client Microsoft',
  accept: 'Accepter',
  confirm:
    'En sélectionnant Accepter, vous acceptez le Contrat client Microsoft au nom de la société indiquée ci-dessus.',
  thanks: 'Merci — vous avez accepté le Contrat client Microsoft.',
  accepted: 'Le Contrat client Microsoft a été accepté le {date}.',
  expiredTitle: 'Ce lien a expiré',
  expired: 'Ce lien d’acceptation a expiré. Demandez-en un nouveau à votre partenaire.',
  unknownTitle: 'Lien introuvable',
  unknown: 'Ce lien d’acceptation est inconnu.',
  note: 'Cette page est fournie par le bac à sable MCA Assist à des fins de test. Ce n’est pas la page d’acceptation de Microsoft ; l’acceptation ici n’a aucun effet juridique.',
};

const es: AcceptanceText = {
  title: 'Contrato de cliente de Microsoft (copia de prueba)',
  intro: 'Lea el Contrato de cliente de Microsoft y acéptelo en nombre de su organización.',
  company: 'Empresa',
  signatory: 'Firmante',
  read: 'Leer el Contrato de cliente de Microsoft',
  accept: 'Aceptar',
  confirm:
    'Al seleccionar Aceptar, acepta el Contrato de cliente de Microsoft en nombre de la empresa indicada arriba.',
  thanks: 'Gracias: ha aceptado el Contrato de cliente de Microsoft.',
  accepted: 'El Contrato de cliente de Microsoft se aceptó el {date}.',
  expiredTitle: 'Este vínculo ha caducado',
  expired: 'Este vínculo de aceptación ha caducado. Pida uno nuevo a su partner.',
  unknownTitle: 'Vínculo no encontrado',
  unknown: 'Este vínculo de aceptación no es conocido.',
  note: 'Esta página la sirve el entorno de pruebas de MCA Assist. No es la página de aceptación de Microsoft y aceptar aquí no tiene efecto legal.',
};

const TEXTS: Record<string, AcceptanceText> = { en, de, fr, es };

/** The words and the html `lang` for a language tag such as "de-DE"; English when not translated. */
export function acceptanceText(language: string | undefined): { lang: string; text: AcceptanceText } {
  const prefix = (language ?? '').slice(0, 2).toLowerCase();
  const text = TEXTS[prefix];
  return text ? { lang: prefix, text } : { lang: 'en', text: en };
}
