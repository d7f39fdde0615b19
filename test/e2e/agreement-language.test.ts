import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS } from '../../src/sandbox/seed';
import { BotHarness } from '../support/bot-harness';
import { openUrls } from '../support/card-text';

/** What the status card's agreement link must say and open, for every country of the demo portfolio. */
const EXPECTED: Record<string, { label: string; opens: string }> = {
  AT: { label: 'Read the MCA (Austria, German)', opens: 'AT, de-DE' },
  AU: { label: 'Read the MCA (Australia, English)', opens: 'AU, en-US' },
  BR: { label: 'Read the MCA (Brazil, Portuguese)', opens: 'BR, pt-BR' },
  CA: { label: 'Read the MCA (Canada, French)', opens: 'CA, fr-FR' },
  CH: { label: 'Read the MCA (Switzerland, French)', opens: 'CH, fr-FR' },
  DE: { label: 'Read the MCA (Germany, German)', opens: 'DE, de-DE' },
  ES: { label: 'Read the MCA (Spain, Spanish)', opens: 'ES, es-ES' },
  FR: { label: 'Read the MCA (France, French)', opens: 'FR, fr-FR' },
  GB: { label: 'Read the MCA (United Kingdom, English)', opens: 'GB, en-US' },
  IE: { label: 'Read the MCA (Ireland, English)', opens: 'IE, en-US' },
  IT: { label: 'Read the MCA (Italy, Italian)', opens: 'IT, it-IT' },
  JP: { label: 'Read the MCA (Japan, Japanese)', opens: 'JP, ja-JP' },
  NL: { label: 'Read the MCA (Netherlands, Dutch)', opens: 'NL, nl-NL' },
  US: { label: 'Read the MCA (United States, English)', opens: 'US, en-US' },
};

describe('the agreement link opens the document its label names', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('covers every country of the demo portfolio', () => {
    const countries = new Set(DEMO_CUSTOMERS.map((c) => c.billingProfile!.defaultAddress!.country));
    expect([...countries].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(
    DEMO_CUSTOMERS.filter((c) => c.relationshipToPartner === 'reseller').map(
      (c) => [c.companyProfile.companyName, c.billingProfile!.culture, c] as const,
    ),
  )('%s (%s): the label says what the link really opens', async (_name, _culture, customer) => {
    const country = customer.billingProfile!.defaultAddress!.country;
    const [card] = await bot.say(`status ${customer.id}`);
    const link = openUrls(card).find((l) => l.title.startsWith('Read the MCA'));
    expect(link?.title).toBe(EXPECTED[country]!.label);
    const page = await fetch(link!.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(
      `Microsoft Customer Agreement — ${EXPECTED[country]!.opens} (sandbox copy)`,
    );
  });
});
