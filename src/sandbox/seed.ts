import type { PrimaryContact } from '../partner-center/types';
import { buildCustomer, type CustomerSpec } from './build';
import type { SandboxCustomer, Scenario } from './types';

/** Obviously fake contacts: example.com mail, fictional numbers. */
function person(
  firstName: string,
  lastName: string,
  emailLocal: string,
  phoneNumber: string,
): PrimaryContact {
  return { firstName, lastName, email: `${emailLocal}@example.com`, phoneNumber };
}

/** Where a customer is and which culture it uses; the billing language is the culture's prefix. */
function locale(
  country: string,
  culture: string,
  city: string,
  postalCode: string,
  addressLine1: string,
  state?: string,
) {
  const language = culture.slice(0, 2);
  return { country, culture, language, city, postalCode, addressLine1, ...(state ? { state } : {}) };
}

/**
 * The demo portfolio: fictional companies covering every scenario, 14 countries, non-ASCII and
 * Markdown-hostile names, and two "Contoso…" names so a search returns several matches.
 */
const SPECS: CustomerSpec[] = [
  {
    id: '434fb1a8-7442-4f06-a915-a825a1bb25b0',
    companyName: 'Contoso Ltd',
    slug: 'contosoltd',
    ...locale('GB', 'en-GB', 'London', 'EC1A 1BB', '1 Example Street'),
    contact: person('Olivia', 'Bennett', 'olivia.bennett', '+44 20 7946 0001'),
    attestedOn: ['2025-02-11T10:15:00'],
    scenario: 'attested',
  },
  {
    id: '8fdcceb0-8c63-411f-a6f0-27304fb58973',
    companyName: 'Contoso Pharma GmbH',
    slug: 'contosopharma',
    ...locale('DE', 'de-DE', 'Berlin', '10115', 'Beispielstraße 12'),
    contact: person('Jonas', 'Schmidt', 'jonas.schmidt', '+49 30 5550 0102'),
    // Only a legacy Cloud Agreement record: a client that omits agreementType sees one item here.
    cloudAgreementOn: '2018-03-05T00:00:00',
    scenario: 'not-accepted',
  },
  {
    id: '4db61b85-10e6-4651-969d-6fbe6f49b1fc',
    companyName: 'Fabrikam, Inc.',
    slug: 'fabrikam',
    ...locale('US', 'en-US', 'Redmond', '98052', '1 Example Way', 'WA'),
    contact: person('Emily', 'Carter', 'emily.carter', '+1 425 555 0103'),
    directlySigned: true,
    scenario: 'direct',
  },
  {
    id: '209107c7-b7f7-411a-b4db-23e940945805',
    companyName: 'Müller & Söhne Maschinenbau KG',
    slug: 'muellersoehne',
    ...locale('DE', 'de-DE', 'München', '80331', 'Musterweg 7'),
    contact: person('Lena', 'Müller', 'lena.mueller', '+49 89 5550 0104'),
    attestedOn: ['2024-06-03T08:00:00'],
    directlySigned: true,
    scenario: 'attested-and-direct',
  },
  {
    id: 'c62a10d9-f723-48ea-a5d2-87cdf47566dc',
    companyName: 'Wörthersee Ölmühle GmbH',
    slug: 'woertherseeoelmuehle',
    ...locale('AT', 'de-AT', 'Klagenfurt', '9020', 'Seestraße 3'),
    contact: person('Florian', 'Gruber', 'florian.gruber', '+43 463 5550 0105'),
    attestedOn: ['2022-09-19T13:45:00'],
    scenario: 'attested-before-2023',
  },
  {
    id: 'e22735ea-5cd8-4571-a915-3be63342f40d',
    companyName: 'Lumière & Fils SARL',
    slug: 'lumierefils',
    ...locale('FR', 'fr-FR', 'Lyon', '69002', "12 rue de l'Exemple"),
    contact: person('Chloé', 'Lefèvre', 'chloe.lefevre', '+33 4 55 50 01 06'),
    scenario: 'not-accepted',
  },
  {
    id: '147fe3cd-409d-4770-9917-4b18456ee316',
    companyName: 'Éditions Lucerne SA',
    slug: 'editionslucerne',
    ...locale('CH', 'fr-CH', 'Genève', '1204', "Rue de l'Exemple 5"),
    contact: person('Mathieu', 'Favre', 'mathieu.favre', '+41 22 555 01 07'),
    attestedOn: ['2026-01-08T16:20:00'],
    scenario: 'attested',
  },
  {
    id: '70ba0d1c-74a5-49e2-946b-2d6b6e1513a6',
    companyName: '株式会社ノースウィンド商事',
    slug: 'northwindjp',
    ...locale('JP', 'ja-JP', '港区', '105-0011', '芝公園1-2-3'),
    contact: person('陽翔', '佐藤', 'haruto.sato', '+81 3 5550 0108'),
    attestedOn: ['2024-10-01T01:00:00'],
    scenario: 'attested',
  },
  {
    id: '57669fb6-e92a-4455-a25d-e68d2fb07a3c',
    companyName: 'Bodegas Coho S.L.',
    slug: 'bodegascoho',
    ...locale('ES', 'es-ES', 'Logroño', '26001', 'Calle Ejemplo 4'),
    contact: person('Lucía', 'Fernández', 'lucia.fernandez', '+34 941 555 109'),
    // Three days before the 1 April 2023 cut-off: must still be renewed.
    attestedOn: ['2023-03-28T11:00:00'],
    scenario: 'attested-before-2023',
  },
  {
    id: '7e54339f-40ba-43cd-8d67-4d7db418ff1a',
    companyName: 'Tailspin Giocattoli S.r.l.',
    slug: 'tailspingiocattoli',
    ...locale('IT', 'it-IT', 'Milano', '20121', 'Via Esempio 10'),
    contact: person('Giulia', 'Romano', 'giulia.romano', '+39 02 5550 0110'),
    scenario: 'not-accepted',
  },
  {
    id: '2e61185d-5a04-4672-b7ef-23888e5e5419',
    companyName: 'Woodgrove Bank N.V.',
    slug: 'woodgrovebank',
    ...locale('NL', 'nl-NL', 'Amsterdam', '1012 AB', 'Voorbeeldstraat 8'),
    contact: person('Daan', 'de Vries', 'daan.devries', '+31 20 555 0111'),
    directlySigned: true,
    scenario: 'direct',
  },
  {
    id: 'dd9f95f3-1d9e-405a-a854-a742e268eb4b',
    companyName: 'Relecloud Soluções Ltda.',
    slug: 'relecloudbr',
    ...locale('BR', 'pt-BR', 'São Paulo', '01310-100', 'Avenida Exemplo, 1000'),
    contact: person('João', 'Oliveira', 'joao.oliveira', '+55 11 5550 0112'),
    scenario: 'not-accepted',
  },
  {
    id: 'e230ccc0-bfb9-46cc-9e46-6d69bd31ff1d',
    companyName: '*Star* [Labs]_ Pty Ltd',
    slug: 'starlabs',
    ...locale('AU', 'en-AU', 'Sydney', '2000', '1 Example Parade', 'NSW'),
    contact: person('Jack', 'Wilson', 'jack.wilson', '+61 2 5550 0113'),
    attestedOn: ['2024-07-22T04:30:00'],
    scenario: 'attested',
  },
  {
    id: 'cb75376c-1991-4f43-9bc0-0581359c24c2',
    companyName: 'Adventure Works Cycles',
    slug: 'adventureworks',
    ...locale('US', 'en-US', 'Bothell', '98011', '2 Example Road', 'WA'),
    contact: person('Sam', 'Rivera', 'sam.rivera', '+1 425 555 0114'),
    relationship: 'advisor',
    scenario: 'no-relationship',
  },
  {
    id: 'cf211894-15f0-4350-a376-c41580a2060e',
    companyName: 'Trey Research GmbH',
    slug: 'treyresearch',
    ...locale('DE', 'de-DE', 'Hamburg', '20095', 'Probeallee 1'),
    contact: person('Mia', 'Wagner', 'mia.wagner', '+49 40 5550 0115'),
    relationship: 'none',
    scenario: 'no-relationship',
  },
  {
    id: 'aa5d790f-4063-42a9-b270-601f2fd4caf0',
    companyName: 'Proseware Québec Inc.',
    slug: 'prosewarequebec',
    ...locale('CA', 'fr-CA', 'Montréal', 'H2Y 1C6', '100 rue Exemple', 'QC'),
    contact: person('Émilie', 'Tremblay', 'emilie.tremblay', '+1 514 555 0116'),
    scenario: 'not-accepted',
  },
  {
    id: 'af222101-0bb7-4966-a66c-f91f46807797',
    companyName: "Margie's Travel Ltd",
    slug: 'margiestravel',
    ...locale('IE', 'en-IE', 'Dublin', 'D02 XY00', '3 Example Quay'),
    contact: person('Aoife', "O'Brien", 'aoife.obrien', '+353 1 555 0117'),
    // A stale attestation does not matter once the customer accepted directly.
    attestedOn: ['2021-05-10T09:00:00'],
    directlySigned: true,
    scenario: 'attested-and-direct',
  },
  {
    id: '426dd877-1929-4a33-bdc6-bd7cf27f5e5f',
    companyName: 'Alpine Ski House GmbH',
    slug: 'alpineskihouse',
    ...locale('AT', 'de-AT', 'Innsbruck', '6020', 'Bergweg 9'),
    contact: person('Anna', 'Hofer', 'anna.hofer', '+43 512 5550 0118'),
    // Renewed after the cut-off; the latest attestation decides.
    attestedOn: ['2022-01-17T12:00:00', '2025-03-04T15:30:00'],
    scenario: 'attested',
  },
];

export const DEMO_CUSTOMERS: readonly SandboxCustomer[] = Object.freeze(SPECS.map(buildCustomer));

const EXPECTED = new Map(DEMO_CUSTOMERS.map((c) => [c.id.toLowerCase(), c.scenario]));

/** The scenario a seeded customer was written for; undefined for ids not in DEMO_CUSTOMERS. */
export function expectedScenario(id: string): Scenario | undefined {
  return EXPECTED.get(id.toLowerCase());
}
