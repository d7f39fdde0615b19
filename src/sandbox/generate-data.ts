/** Word lists for synthetic portfolios: fictional names, local legal forms, fake streets. */
export interface GenLocale {
  country: string;
  culture: string;
  city: string;
  postalCode: string;
  street: string;
  state?: string;
  legalForms: string[];
  /** Local name words, some non-ASCII or Markdown-hostile, mixed with the shared ones. */
  words: string[];
  firstNames: string[];
  lastNames: string[];
  phonePrefix: string;
  /** Relative share of the portfolio. */
  weight: number;
}

// prettier-ignore
export const SHARED_WORDS = [
  'Northwind', 'Contoso', 'Fabrikam', 'Litware', 'Proseware', 'Woodgrove', 'Tailspin', 'Wingtip', 'Adatum',
  'Lamna', 'Relecloud', 'Trey', 'Coho', 'Alpine', 'Humongous', 'Lucerne', 'VanArsdel', 'Fourth', 'Blue Yonder',
  'Graphic', 'Consolidated', 'Southridge', 'Datum', 'Bellows',
];

// prettier-ignore
export const SECOND_WORDS = [
  'Analytics', 'Logistics', 'Systems', 'Consulting', 'Medical', 'Foods', 'Energy', 'Design', 'Robotics',
  'Textiles', 'Travel', 'Finance', 'Media', 'Labs', 'Solar', 'Motors', 'Pharma', 'Retail', 'Software', 'Studio',
];

/** One table row per country; `[first names]`, `[last names]` and words are small on purpose. */
// prettier-ignore
export const LOCALES: GenLocale[] = [
  { country: 'US', culture: 'en-US', city: 'Seattle', postalCode: '98101', street: 'Example Ave', state: 'WA',
    legalForms: ['Inc.', 'LLC', 'Corp.'], words: [], firstNames: ['Emily', 'James', 'Ava', 'Noah'],
    lastNames: ['Carter', 'Nguyen', 'Garcia', 'Smith'], phonePrefix: '+1 206 555 ', weight: 20 },
  { country: 'GB', culture: 'en-GB', city: 'Manchester', postalCode: 'M1 1AE', street: 'Example Road',
    legalForms: ['Ltd', 'PLC', 'LLP'], words: ["Margie's"], firstNames: ['Olivia', 'Harry', 'Amelia'],
    lastNames: ['Bennett', 'Jones', "O'Neill"], phonePrefix: '+44 161 496 ', weight: 12 },
  { country: 'DE', culture: 'de-DE', city: 'Köln', postalCode: '50667', street: 'Musterstraße',
    legalForms: ['GmbH', 'AG', 'GmbH & Co. KG'], words: ['Müller', 'Schäfer', 'Nordlicht', 'Großmann'],
    firstNames: ['Jonas', 'Lea', 'Jürgen', 'Sophie'], lastNames: ['Schmidt', 'Müller', 'Weiß', 'Becker'],
    phonePrefix: '+49 221 5550 ', weight: 14 },
  { country: 'AT', culture: 'de-AT', city: 'Graz', postalCode: '8010', street: 'Beispielgasse',
    legalForms: ['GmbH', 'AG', 'KG'], words: ['Wörthersee', 'Alpenglühen'], firstNames: ['Florian', 'Katharina'],
    lastNames: ['Gruber', 'Huber'], phonePrefix: '+43 316 5550 ', weight: 4 },
  { country: 'CH', culture: 'de-CH', city: 'Zürich', postalCode: '8001', street: 'Beispielweg',
    legalForms: ['AG', 'GmbH', 'SA'], words: ['Zürichsee', 'Gletscher'], firstNames: ['Luca', 'Nina'],
    lastNames: ['Meier', 'Favre'], phonePrefix: '+41 44 555 ', weight: 4 },
  { country: 'FR', culture: 'fr-FR', city: 'Paris', postalCode: '75002', street: "rue de l'Exemple",
    legalForms: ['SARL', 'SAS', 'SA'], words: ['Lumière', 'Étoile', 'Château'], firstNames: ['Chloé', 'Hugo', 'Léa'],
    lastNames: ['Lefèvre', 'Martin', 'Dubois'], phonePrefix: '+33 1 55 50 ', weight: 10 },
  { country: 'ES', culture: 'es-ES', city: 'Madrid', postalCode: '28013', street: 'Calle Ejemplo',
    legalForms: ['S.L.', 'S.A.'], words: ['Peñalara', 'Montaña'], firstNames: ['Lucía', 'Mateo'],
    lastNames: ['Fernández', 'García'], phonePrefix: '+34 91 555 ', weight: 7 },
  { country: 'IT', culture: 'it-IT', city: 'Roma', postalCode: '00184', street: 'Via Esempio',
    legalForms: ['S.r.l.', 'S.p.A.'], words: ['Città', 'Aurora'], firstNames: ['Giulia', 'Marco'],
    lastNames: ['Romano', 'Rossi'], phonePrefix: '+39 06 5550 ', weight: 7 },
  { country: 'NL', culture: 'nl-NL', city: 'Utrecht', postalCode: '3511 AB', street: 'Voorbeeldstraat',
    legalForms: ['B.V.', 'N.V.'], words: ['Dijkstra', 'Molenwijk'], firstNames: ['Daan', 'Sanne'],
    lastNames: ['de Vries', 'Jansen'], phonePrefix: '+31 30 555 ', weight: 6 },
  { country: 'JP', culture: 'ja-JP', city: '大阪市', postalCode: '530-0001', street: '梅田',
    legalForms: ['株式会社'], words: ['ノースウィンド', 'さくら', '富士'], firstNames: ['陽翔', '結衣'],
    lastNames: ['佐藤', '鈴木'], phonePrefix: '+81 6 5550 ', weight: 6 },
  { country: 'BR', culture: 'pt-BR', city: 'Rio de Janeiro', postalCode: '20040-002', street: 'Rua Exemplo',
    legalForms: ['Ltda.', 'S.A.'], words: ['Soluções', 'Ipê'], firstNames: ['João', 'Ana'],
    lastNames: ['Oliveira', 'Souza'], phonePrefix: '+55 21 5550 ', weight: 5 },
  { country: 'AU', culture: 'en-AU', city: 'Melbourne', postalCode: '3000', street: 'Example Lane', state: 'VIC',
    legalForms: ['Pty Ltd'], words: ['*Star*', '[Labs]'], firstNames: ['Jack', 'Chloe'],
    lastNames: ['Wilson', 'Taylor'], phonePrefix: '+61 3 5550 ', weight: 3 },
  { country: 'IE', culture: 'en-IE', city: 'Cork', postalCode: 'T12 AB00', street: 'Example Quay',
    legalForms: ['Ltd', 'DAC'], words: ['Éire'], firstNames: ['Aoife', 'Cian'],
    lastNames: ["O'Brien", 'Murphy'], phonePrefix: '+353 21 555 ', weight: 1 },
  { country: 'CA', culture: 'fr-CA', city: 'Québec', postalCode: 'G1R 4P5', street: 'rue Exemple', state: 'QC',
    legalForms: ['Inc.', 'Ltée'], words: ['Érable'], firstNames: ['Émilie', 'Louis'],
    lastNames: ['Tremblay', 'Gagnon'], phonePrefix: '+1 418 555 ', weight: 1 },
];
