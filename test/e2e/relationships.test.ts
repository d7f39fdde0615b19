import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_PARTNER_TENANT_ID, SANDBOX_SALES_AGENT_ID } from '../../src/sandbox/constants';
import { escapeMarkdown } from '../../src/cards/escape';
import { reconcileRelationships } from '../../src/features/relationships/reconcile';
import type { Job } from '../../src/store/types';
import { BotHarness } from '../support/bot-harness';
import { cardText, executeActions, openUrls } from '../support/card-text';
import { until } from '../support/until';

const TREY = 'cf211894-15f0-4350-a376-c41580a2060e'; // no relationship
const CONTOSO = '434fb1a8-7442-4f06-a915-a825a1bb25b0'; // reseller, MCA attested
const PARTNER_CHAT = `a:personal-${SANDBOX_PARTNER_TENANT_ID.slice(0, 8)}`;

describe('reseller invitations and GDAP requests, end to end through signed webhooks', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start();
    bot.app.sandbox!.world.webhooks.retryDelaysMs = Array(9).fill(50);
  });
  afterAll(async () => {
    await bot.stop();
  });

  const sandbox = () => bot.app.sandbox!;
  const edits = (activityId: string) =>
    bot.teams.requests.filter((r) => r.method === 'PUT' && r.path.endsWith(`/activities/${activityId}`));
  const partnerCards = () => bot.teams.cards(PARTNER_CHAT);

  it('shows the general invitation with the disclosure, legacy DAP off, and a ready e-mail', async () => {
    const [card] = await bot.say('invite');
    const text = cardText(card);
    expect(text).toContain('Reseller relationship invitation');
    expect(text).toContain('Only a **Global admin**');
    expect(text).toContain('buy Microsoft products and services');
    expect(text).toContain('only with the roles listed');
    expect(text).toContain('can no longer open Microsoft support requests');
    const link = new URL(
      JSON.stringify(card).match(
        /"(http:\/\/127\.0\.0\.1:\d+\/sandbox\/admin\/partner-invitation[^"]+)"/,
      )![1]!,
    );
    expect(link.searchParams.get('DAP')).toBe('false');
    const mail = openUrls(card).find((u) => u.title === 'Write an e-mail');
    expect(mail?.url).toMatch(/^mailto:\?subject=/);
    expect(decodeURIComponent(mail!.url)).toContain(link.toString());
  });

  it('says a customer is already related instead of inviting them', async () => {
    const [card] = await bot.say('invite contoso ltd');
    expect(cardText(card)).toContain('Contoso Ltd is already your customer');
    expect(executeActions(card)).toEqual([]);
  });

  it('invites from the status card, accepts on the customer page and tells the partner with a fresh status card', async () => {
    const [status] = await bot.say(`status ${TREY}`);
    const request = executeActions(status).find((a) => a.verb === 'requestRelationship');
    expect(request?.data).toEqual({ tenantId: TREY });

    const invite = await bot.click(request!.verb, request!.data, {}, 'manual', 'activity-status');
    expect(cardText(invite.card)).toContain('Reseller relationship invitation for Trey Research GmbH');
    const send = executeActions(invite.card).find((a) => a.verb === 'sendInvite')!;
    const sent = await bot.click(send.verb, send.data, {}, 'manual', 'activity-status');
    expect(cardText(sent.card)).toMatch(/E-mailed to the customer|Write an e-mail/);
    const mail = sandbox().world.outbox().at(-1);
    // Trey Research bills in de-DE: the e-mail speaks German.
    expect(mail?.subject).toBe(
      'Fabrikam Cloud Solutions lädt Trey Research GmbH zu einer Handelspartnerbeziehung ein',
    );

    const before = partnerCards().length;
    const accepted = await fetch(`${sandbox().url}/sandbox/admin/partner-invitation/accept`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `tenantId=${TREY}`,
    });
    expect(accepted.status).toBe(200);
    const news = await until(
      () => (partnerCards().length >= before + 2 ? partnerCards().slice(before) : undefined),
      'partner news',
    );
    expect(cardText(news[0])).toContain('Trey Research GmbH accepted your reseller invitation');
    const fresh = cardText(news[1]);
    expect(fresh).toContain('Trey Research GmbH');
    expect(fresh).toContain('MCA not accepted yet');
    expect(fresh).toContain('Reseller');
    expect(executeActions(news[1]).map((a) => a.verb)).not.toContain('requestRelationship');

    const edit = await until(() => edits('activity-status').at(-1), 'invitation card edit');
    expect(cardText(edit.body.attachments[0].content)).toContain('accepted the invitation');
    const audit = await until(async () => {
      const entries = await bot.app.services.store.audit.list({ customerTenantId: TREY, limit: 10 });
      return entries.some((e) => e.action === 'relationship.accepted') ? entries : undefined;
    }, 'audit entry');
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['relationship.accepted', 'relationship.invitation-sent']),
    );
    expect(JSON.stringify(audit)).not.toMatch(/example\.com|@/);
  });

  it('explains what is wrong on the GDAP form and keeps what was entered', async () => {
    const [form] = await bot.say('gdap contoso ltd');
    expect(cardText(form)).toContain('Request admin access (GDAP) for Contoso Ltd');
    const submit = executeActions(form).find((a) => a.verb === 'submitGdap')!;
    const base = {
      ...submit.data,
      durationDays: '365',
      autoExtend: 'false',
      displayName: 'Contoso form test',
    };

    const none = await bot.click('submitGdap', { ...base, roles: '' });
    expect(cardText(none.card)).toContain('Choose at least one role.');
    const ga = await bot.click('submitGdap', { ...base, roles: 'globalAdmin' });
    expect(cardText(ga.card)).toContain('Tick the box');
    const gaExtend = await bot.click('submitGdap', {
      ...base,
      roles: 'globalAdmin',
      confirmGlobalAdmin: 'true',
      autoExtend: 'true',
    });
    expect(cardText(gaExtend.card)).toContain('does not allow auto-extend with Global Administrator');
    const long = await bot.click('submitGdap', { ...base, roles: 'helpdesk', durationDays: '731' });
    expect(cardText(long.card)).toContain('from 1 to 730');
    expect(JSON.stringify(long.card)).toContain('Contoso form test');
    expect(sandbox().world.gdap.list()).toEqual([]);
  });

  it('explains a name Graph already has on the form', async () => {
    const created = await bot.click('submitGdap', {
      tenantId: CONTOSO,
      roles: 'helpdesk',
      durationDays: '30',
      autoExtend: 'false',
      displayName: 'Contoso taken name',
    });
    expect(cardText(created.card)).toContain('Waiting for the customer');
    const again = await bot.click('submitGdap', {
      tenantId: CONTOSO,
      roles: 'license',
      durationDays: '30',
      autoExtend: 'false',
      displayName: 'Contoso taken name',
    });
    expect(cardText(again.card)).toContain('Another admin relationship already has this name');
    expect(executeActions(again.card).map((a) => a.verb)).toEqual(['submitGdap']);
  });

  it('requests GDAP, the customer approves, and the tracking card moves to active with the partner told', async () => {
    const [form] = await bot.say('gdap contoso ltd');
    const submit = executeActions(form).find((a) => a.verb === 'submitGdap')!;
    const res = await bot.click(
      'submitGdap',
      {
        ...submit.data,
        roles: 'helpdesk,license',
        durationDays: '180',
        autoExtend: 'true',
        displayName: 'Contoso loop',
      },
      {},
      'manual',
      'activity-gdap',
    );
    const pending = cardText(res.card);
    expect(pending).toContain('Waiting for the customer');
    expect(pending).toContain('Helpdesk Administrator, License Administrator');
    const link = JSON.stringify(res.card).match(
      /"(http:\/\/127\.0\.0\.1:\d+\/sandbox\/admin\/gdap\/[^"]+)"/,
    )![1]!;
    const id = link.split('/').at(-1)!;
    expect(sandbox().world.gdap.get(id)?.status).toBe('approvalPending');
    expect(sandbox().world.gdap.get(id)?.autoExtendDuration).toBe('P180D');
    expect(executeActions(res.card).map((a) => a.verb)).toEqual(['sendGdapLink', 'refreshGdap']);

    const before = partnerCards().length;
    const approved = await fetch(`${link}/approve`, { method: 'POST' });
    expect(await approved.text()).toContain('Approved');
    const active = await until(
      () =>
        edits('activity-gdap')
          .map((e) => cardText(e.body.attachments[0].content))
          .find((t) => t.includes('✅ Active')),
      'tracking card edit to active',
    );
    expect(active).toContain('Helpdesk Administrator, License Administrator');
    expect(active).not.toContain('Approval link');
    const told = await until(
      () =>
        partnerCards()
          .slice(before)
          .map(cardText)
          .find((t) => t.includes('Admin access for Contoso Ltd is now active')),
      'partner notice',
    );
    expect(told).toContain('until');

    const [status] = await bot.say(`status ${CONTOSO}`);
    expect(cardText(status)).toMatch(
      /Admin access \(GDAP\)\nHelpdesk Administrator, License Administrator — until/,
    );
  });

  it('flags GDAP ending within 30 days on the status card and renews with the same roles', async () => {
    const active = sandbox()
      .world.gdap.list()
      .find((r) => r.displayName === 'Contoso loop')!;
    const soon = new Date(Date.now() + 12 * 86_400_000).toISOString();
    sandbox().world.gdap.setEndDate(active.id, soon);
    const [status] = await bot.say(`status ${CONTOSO}`);
    expect(cardText(status)).toMatch(
      /⚠️ Helpdesk Administrator, License Administrator — ends .+, in 12 days/,
    );
    const renew = executeActions(status).find((a) => a.verb === 'renewGdap')!;
    expect(renew.data).toEqual({ relationshipId: active.id });
    const form = await bot.click(renew.verb, renew.data);
    expect(cardText(form.card)).toContain('creates a new request with the same roles');

    // The recurring check notices the last 30 days once: the tracking card offers Renew, the partner hears it.
    const before = partnerCards().length;
    await reconcileRelationships({} as Job, bot.app.services, new AbortController().signal);
    await reconcileRelationships({} as Job, bot.app.services, new AbortController().signal);
    const soonCard = await until(
      () =>
        edits('activity-gdap')
          .map((e) => e.body.attachments[0].content)
          .find((c) => cardText(c).includes('⚠️ Ends soon')),
      'tracking card edit to ends soon',
    );
    expect(executeActions(soonCard).map((a) => a.verb)).toContain('renewGdap');
    const told = partnerCards()
      .slice(before)
      .map(cardText)
      .filter((t) => t.includes('Admin access for Contoso Ltd ends soon'));
    expect(told).toHaveLength(1);
    const roles = (form.card.body as any[]).find((b) => b.id === 'roles');
    expect(roles.value).toBe('helpdesk,license');
  });

  it('edits the tracking card when the customer ends the access, and reports who may not request GDAP', async () => {
    const r = sandbox()
      .world.gdap.list()
      .find((x) => x.displayName === 'Contoso loop')!;
    sandbox().world.gdap.terminate(r.id);
    const ended = await until(
      () =>
        edits('activity-gdap')
          .map((e) => cardText(e.body.attachments[0].content))
          .find((t) => t.includes('⛔ Ended')),
      'tracking card edit to ended',
    );
    expect(ended).toContain('Contoso Ltd');
    // The partner is told in a separate message; wait for it so it cannot land in the next test's reply.
    await until(
      () =>
        partnerCards()
          .map(cardText)
          .find((t) => t.includes('Admin access for Contoso Ltd was ended')),
      'partner told the access ended',
    );

    const sales = { aadObjectId: SANDBOX_SALES_AGENT_ID, conversationId: 'a:sales' };
    const refused = await bot.click(
      'submitGdap',
      {
        tenantId: CONTOSO,
        roles: 'helpdesk',
        durationDays: '30',
        autoExtend: 'false',
        displayName: 'By sales',
      },
      sales,
    );
    expect(cardText(refused.card)).toContain('Only Admin agents');
  });

  it('registers the webhook with Partner Center and refuses to silently replace another system’s URL', async () => {
    sandbox().world.webhooks.registration = {
      subscriberId: 's-1',
      url: 'https://psa.example.com/hook',
      events: ['invoice-ready'],
    };
    const [refused] = await bot.say('webhooks register');
    expect(cardText(refused)).toContain(
      `${escapeMarkdown('https://psa.example.com/hook')} is registered now`,
    );
    expect(sandbox().world.webhooks.registration?.url).toBe('https://psa.example.com/hook');
    const [done] = await bot.say('webhooks register replace');
    const text = cardText(done);
    expect(text).toContain('Partner Center webhooks registered');
    expect(text).toContain(escapeMarkdown(`${bot.url}/api/partner-center/webhooks`));
    expect(sandbox().world.webhooks.registration).toMatchObject({
      url: `${bot.url}/api/partner-center/webhooks`,
      events: expect.arrayContaining([
        'reseller-relationship-accepted-by-customer',
        'granular-admin-relationship-activated',
      ]),
    });
    const [sales] = await bot.say('webhooks register', {
      aadObjectId: SANDBOX_SALES_AGENT_ID,
      conversationId: 'a:sales',
    });
    expect(cardText(sales)).toContain('Only Admin agents');
    sandbox().world.webhooks.registration = undefined;
  });

  it('posts relationship news where the partner typed “notifications here”', async () => {
    const channel = { conversationId: '19:ops@thread.tacv2', conversationType: 'channel' as const };
    const [card] = await bot.say('notifications here', channel);
    expect(cardText(card)).toContain('Relationship news will be posted here from now on');
    const before = bot.teams.cards(channel.conversationId).length;
    const r = sandbox().world.gdap.create({
      displayName: 'Made in Partner Center',
      duration: 'P90D',
      autoExtendDuration: 'PT0S',
      customer: { tenantId: CONTOSO, displayName: 'Contoso Ltd' },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: '729827e3-9c14-49f7-bb1b-9608f156bbb8' }] },
    });
    sandbox().world.gdap.lockForApproval(r.id);
    sandbox().world.gdap.approve(r.id);
    const news = await until(
      () =>
        bot.teams
          .cards(channel.conversationId)
          .slice(before)
          .map(cardText)
          .find((t) => t.includes('now active')),
      'news in the channel',
    );
    expect(news).toContain('Contoso Ltd');
  });
});
