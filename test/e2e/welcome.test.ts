import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotHarness, CUSTOMER_TENANT_ID, type Who } from '../support/bot-harness';
import { cardText } from '../support/card-text';

const RELECLOUD = 'dd9f95f3-1d9e-405a-a854-a742e268eb4b';

describe('one install, one welcome', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  const cardsIn = (conversationId: string) =>
    bot.teams.messages(conversationId).flatMap((m) => (m.attachments ?? []).map((a: any) => a.content));

  /** Teams announces an install twice, often at the same moment. */
  const install = (who: Who) =>
    Promise.all([
      bot.post(bot.activity('installationUpdate', who, { action: 'add' })),
      bot.post(bot.activity('conversationUpdate', who, { membersAdded: [{ id: '28:mca-assist-bot' }] })),
    ]);

  it('welcomes a customer who installs the app once, not twice', async () => {
    const who: Who = {
      tenantId: RELECLOUD,
      aadObjectId: 'dd9f95f3-aaaa-4bbb-8ccc-a742e268eb4b',
      conversationId: 'a:welcome-relecloud',
    };
    const responses = await install(who);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const cards = cardsIn('a:welcome-relecloud');
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0])).toContain("Hi, I'm MCA Assist for Fabrikam Cloud Solutions");
    expect(await bot.app.services.store.conversations.get(RELECLOUD, 'a:welcome-relecloud')).toMatchObject({
      kind: 'customer',
    });
  });

  it('tells a stranger once who the app is for', async () => {
    await install({ tenantId: CUSTOMER_TENANT_ID, conversationId: 'a:welcome-stranger' });
    const cards = cardsIn('a:welcome-stranger');
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0])).toContain('This app is for customers of Fabrikam Cloud Solutions');
  });

  it('welcomes the partner once, and again once after a reinstall', async () => {
    const who: Who = { conversationId: 'a:welcome-partner' };
    await install(who);
    expect(cardsIn('a:welcome-partner')).toHaveLength(1);
    await bot.post(bot.activity('installationUpdate', who, { action: 'remove' }));
    await install(who);
    const cards = cardsIn('a:welcome-partner');
    expect(cards).toHaveLength(2);
    expect(cardText(cards[1])).toContain("Hi, I'm MCA Assist");
  });
});
