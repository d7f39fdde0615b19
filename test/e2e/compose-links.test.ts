import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotHarness, CUSTOMER_TENANT_ID } from '../support/bot-harness';
import { cardText } from '../support/card-text';
import { queryLink } from '../support/compose';
import { cardProblems } from '../support/validate-card';

const PHARMA = '8fdcceb0-8c63-411f-a6f0-27304fb58973';
const STRANGER = { tenantId: CUSTOMER_TENANT_ID, aadObjectId: '11111111-2222-4333-8444-555555555555' };

/** Every link form we unfurl, with Contoso Pharma's tenant id in it. */
const SUPPORTED = [
  `https://partner.microsoft.com/dashboard/v2/customers/${PHARMA}/account`,
  `https://partner.microsoft.com/en-us/dashboard/commerce2/customers/${PHARMA}/adminrelationships/16d20ed3-cad0-457d-9833-9012837d852c`,
  `https://partner.microsoft.com/de-de/dashboard/v2/customers/${PHARMA.toUpperCase()}/servicemanagementpage`,
  `https://admin.microsoft.com/Partner/BeginClientSession.aspx?CTID=${PHARMA}&CSDEST=o365admincenter`,
  `https://admin.microsoft.com/AdminPortal/Home?tenantId=${PHARMA}#/homepage`,
  `https://admin.cloud.microsoft/#/users?tid=${PHARMA}`,
];

describe('Partner Center and admin center links unfurled through HTTP', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it.each(SUPPORTED)('previews the customer’s status card for %s', async (url) => {
    const answer = await queryLink(bot, url);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('result');
    expect(answer.attachments).toHaveLength(1);
    const [attachment] = answer.attachments;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(attachment.content)).toEqual([]);
    const text = cardText(attachment.content);
    expect(text).toContain('Contoso Pharma GmbH');
    expect(text).toContain('MCA not accepted yet');
    expect(text).toContain(PHARMA);
    expect(attachment.content.refresh.action).toMatchObject({
      verb: 'refreshStatus',
      data: { tenantId: PHARMA, shared: true },
    });
    expect(attachment.content.refresh.userIds).toBeUndefined();
    expect(attachment.preview.content).toMatchObject({
      title: 'Contoso Pharma GmbH',
      subtitle: 'contosopharma.onmicrosoft.com',
      text: '🔴 Not accepted',
    });
  });

  it.each([
    'https://partner.microsoft.com/dashboard/v2/customers/list',
    'https://partner.microsoft.com/dashboard/v2/customers/granularadminaccess/list',
    `https://partner.microsoft.com/dashboard/v2/invoices/${PHARMA}`,
    'https://admin.microsoft.com/AdminPortal/Home#/homepage',
    `http://partner.microsoft.com/dashboard/v2/customers/${PHARMA}/account`,
    `https://partner.microsoft.com.evil.example/dashboard/v2/customers/${PHARMA}/account`,
    'not a link at all',
  ])('shows no preview for %s', async (url) => {
    const answer = await queryLink(bot, url);
    expect(answer.status).toBe(200);
    expect(answer.attachments).toEqual([]);
  });

  it('shows no preview for a tenant that is not this partner’s customer', async () => {
    const answer = await queryLink(
      bot,
      'https://partner.microsoft.com/dashboard/v2/customers/00000000-1111-4222-8333-444444444444/account',
    );
    expect(answer.attachments).toEqual([]);
  });

  it('shows users outside the partner tenant no preview and reads nothing', async () => {
    const before = bot.app.sandbox!.world.requestLog().length;
    const answer = await queryLink(bot, SUPPORTED[0]!, STRANGER);
    expect(answer.status).toBe(200);
    expect(answer.attachments).toEqual([]);
    expect(JSON.stringify(answer)).not.toContain('Contoso');
    expect(bot.app.sandbox!.world.requestLog().length).toBe(before);
  });

  it('shows no preview while Partner Center cannot be read, and the link still posts', async () => {
    bot.app.sandbox!.world.injectFault({ status: 503, times: 50 });
    try {
      const answer = await queryLink(bot, SUPPORTED[3]!);
      expect(answer.status).toBe(200);
      expect(answer.attachments).toEqual([]);
    } finally {
      bot.app.sandbox!.world.reset();
    }
  });
});
