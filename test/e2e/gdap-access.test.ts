import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotHarness } from '../support/bot-harness';
import { cardText, executeActions } from '../support/card-text';
import { until } from '../support/until';

const CONTOSO = '434fb1a8-7442-4f06-a915-a825a1bb25b0';
const HELPDESK_ROLE = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const LICENSE_ROLE = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';
const USER_ADMIN_ROLE = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const HELPDESK_AGENTS = '5e0a1b2c-0001-4a00-8000-00000000a001';
const LICENSE_ADMINS = '5e0a1b2c-0003-4a00-8000-00000000a003';
const MAIL_LIST = '5e0a1b2c-0006-4a00-8000-00000000a006';

describe('GDAP ends in working access: approve → assign groups → active', () => {
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
    bot.teams.requests
      .filter((r) => r.method === 'PUT' && r.path.endsWith(`/activities/${activityId}`))
      .map((r) => r.body.attachments[0].content);

  /** Requests GDAP for Contoso Ltd, approves it as the customer, and returns the active tracking card. */
  async function activeRelationship(name: string, roles: string, cardId: string) {
    const [form] = await bot.say('gdap contoso ltd');
    const submit = executeActions(form).find((a) => a.verb === 'submitGdap')!;
    const res = await bot.click(
      'submitGdap',
      { ...submit.data, roles, durationDays: '365', autoExtend: 'false', displayName: name },
      {},
      'manual',
      cardId,
    );
    const link = JSON.stringify(res.card).match(
      /"(http:\/\/127\.0\.0\.1:\d+\/sandbox\/admin\/gdap\/[^"]+)"/,
    )![1]!;
    await fetch(`${link}/approve`, { method: 'POST' });
    const card = await until(() => edits(cardId).find((c) => cardText(c).includes('✅ Active')), 'active');
    return { id: link.split('/').at(-1)!, card };
  }

  let first: { id: string; card: any };
  it('offers Assign groups on the active tracking card, with the partner’s security groups to pick from', async () => {
    first = await activeRelationship('Contoso access', 'helpdesk,license', 'activity-gdap-1');
    const assign = executeActions(first.card).find((a) => a.verb === 'assignGdapGroups');
    expect(assign?.data).toEqual({ relationshipId: first.id });
    const form = await bot.click('assignGdapGroups', assign!.data);
    const sets = (form.card.body as any[])
      .flatMap((e) => e.items ?? [])
      .filter((e) => e.type === 'Input.ChoiceSet');
    expect(sets.map((s) => [s.id, s.label, s.style])).toEqual([
      [`role-${HELPDESK_ROLE}`, 'Helpdesk Administrator', 'filtered'],
      [`role-${LICENSE_ROLE}`, 'License Administrator', 'filtered'],
    ]);
    const names = sets[0].choices.map((c: any) => c.title);
    expect(names).toContain('Helpdesk agents');
    expect(names).not.toContain('All company (mail)');
  });

  it('explains bad input on the form and assigns nothing', async () => {
    const submit = (data: Record<string, unknown>) =>
      bot.click('submitGdapAssignments', { relationshipId: first.id, remember: 'true', ...data });
    const foreignRole = await submit({ [`role-${USER_ADMIN_ROLE}`]: HELPDESK_AGENTS });
    expect(cardText(foreignRole.card)).toContain(
      'User Administrator is not part of this relationship: Contoso Ltd approved only Helpdesk Administrator, License Administrator',
    );
    const gone = await submit({
      [`role-${HELPDESK_ROLE}`]: '5e0a1b2c-0009-4a00-8000-00000000a999',
      [`role-${LICENSE_ROLE}`]: MAIL_LIST,
    });
    expect(cardText(gone.card).match(/no longer exists in your tenant/g)).toHaveLength(2);
    const none = await submit({});
    expect(cardText(none.card)).toContain('Pick a group for at least one role.');
    expect(sandbox().world.access.forRelationship(first.id)).toEqual([]);
  });

  it('assigns, follows the assignments until active and edits the card', async () => {
    const res = await bot.click(
      'submitGdapAssignments',
      {
        relationshipId: first.id,
        [`role-${HELPDESK_ROLE}`]: HELPDESK_AGENTS,
        [`role-${LICENSE_ROLE}`]: LICENSE_ADMINS,
        remember: 'true',
      },
      {},
      'manual',
      'activity-access-1',
    );
    expect(cardText(res.card)).toContain('Helpdesk Administrator → Helpdesk agents: setting up…');
    const wire = sandbox().world.access.forRelationship(first.id);
    expect(wire.map((a) => [a.accessContainer.accessContainerId, a.accessDetails.unifiedRoles])).toEqual([
      [HELPDESK_AGENTS, [{ roleDefinitionId: HELPDESK_ROLE }]],
      [LICENSE_ADMINS, [{ roleDefinitionId: LICENSE_ROLE }]],
    ]);
    const active = await until(
      () => edits('activity-access-1').find((c) => !cardText(c).includes('setting up')),
      'the access card turns active',
      10_000,
    );
    expect(cardText(active)).toContain('Helpdesk Administrator → Helpdesk agents: active');
    expect(cardText(active)).toContain('License Administrator → License administrators: active');
  });

  it('refuses a duplicate assignment on the form', async () => {
    const dup = await bot.click('submitGdapAssignments', {
      relationshipId: first.id,
      [`role-${HELPDESK_ROLE}`]: HELPDESK_AGENTS,
    });
    expect(cardText(dup.card)).toContain('This group already has an assignment in this relationship.');
  });

  it('shows who has access on the status card', async () => {
    const [status] = await bot.say(`status ${CONTOSO}`);
    expect(cardText(status)).toMatch(/Admin access\nHelpdesk Administrator via Helpdesk agents, until \w+/);
  });

  it('applies the saved groups with one click on the next relationship', async () => {
    const second = await activeRelationship('Contoso helpdesk 2', 'helpdesk', 'activity-gdap-2');
    const saved = executeActions(second.card).find((a) => a.verb === 'submitGdapAssignments')!;
    const res = await bot.click(saved.verb, saved.data);
    expect(cardText(res.card)).toContain('Helpdesk Administrator → Helpdesk agents');
    expect(sandbox().world.access.forRelationship(second.id)).toHaveLength(1);
  });

  it('tells the partner once and edits the access card when the customer ends the relationship', async () => {
    sandbox().world.gdap.terminate(first.id);
    const removed = await until(
      () => edits('activity-access-1').find((c) => cardText(c).includes('ended this admin access')),
      'the access card shows the removal',
    );
    expect(cardText(removed)).toContain('Helpdesk Administrator → Helpdesk agents: removed');
    await until(
      () => bot.teams.cards().find((c) => cardText(c).includes('Admin access for Contoso Ltd was ended')),
      'the partner notice',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(
      bot.teams.cards().filter((c) => cardText(c).includes('Admin access for Contoso Ltd was ended')),
    ).toHaveLength(1);
    const [status] = await bot.say(`status ${CONTOSO}`);
    expect(cardText(status)).not.toContain('via License administrators');
  });
});
