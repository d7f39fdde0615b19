import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox';
import { BotHarness } from '../support/bot-harness';
import { cardText, openUrls } from '../support/card-text';
import { NORTHWIND, purchaseSandbox } from '../support/purchases';

describe('invite, cancel and notifications answer what was asked', () => {
  const bot = new BotHarness();
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await purchaseSandbox();
    await bot.start({}, { externalSandbox: sandbox });
  });
  afterAll(async () => {
    await bot.stop();
    await sandbox.close();
  });

  it('says an unknown customer was not found, then offers the general invitation', async () => {
    const [card] = await bot.say('invite nosuch');
    const text = cardText(card);
    expect(text).toContain('No customer matches “nosuch” in Partner Center');
    expect(text).toContain('This link is the same for every customer');
    expect(text.indexOf('No customer matches')).toBeLessThan(text.indexOf('This link is the same'));
    expect(text).toMatch(/invType=ResellerRelationship/);
    expect(openUrls(card).some((l) => l.url.startsWith('mailto:'))).toBe(true);
  });

  it('gives the general invitation without the not-found line when no customer is named', async () => {
    const [card] = await bot.say('invite');
    expect(cardText(card)).not.toContain('No customer matches');
    expect(cardText(card)).toContain('This link is the same for every customer');
  });

  it('asks which notice on cancel without an id, cancelling nothing, and lists the open ones', async () => {
    const [none] = await bot.say('cancel');
    expect(cardText(none)).toContain('Which notice should I cancel?');
    expect(cardText(none)).toContain('There are no open purchase notices');

    await bot.say('notify northwind Microsoft 365 E3 x3 #PO-77');
    const [notice] = (
      await bot.app.services.store.records.findByIndex<any>('purchase-notice', NORTHWIND.id)
    ).map((r) => r.value);
    const [card] = await bot.say('cancel');
    const text = cardText(card);
    expect(text).toContain('Type cancel followed by the notice id');
    expect(text).toContain(`cancel ${notice.id.slice(0, 8)}: Northwind Traders Inc, Microsoft 365 E3`);
    const after = await bot.app.services.store.records.get<any>('purchase-notice', notice.id);
    expect(['opening', 'open']).toContain(after!.value.state);
  });

  it('tells notifications (where news goes, and why) apart from notifications here (a change)', async () => {
    const a = { conversationId: 'a:notify-a' };
    const b = { conversationId: 'a:notify-b' };
    await bot.say('help', b);
    const [status] = await bot.say('notifications', a);
    expect(cardText(status)).toContain('Relationship news goes here');
    expect(cardText(status)).toContain('No conversation was chosen');

    const [changed] = await bot.say('notifications here', b);
    expect(cardText(changed)).toContain('Relationship news will be posted here from now on');

    const [again] = await bot.say('notifications', b);
    expect(cardText(again)).toContain('Relationship news goes here');
    expect(cardText(again)).toContain('Someone typed notifications here in this conversation');
    expect(cardText(again)).not.toContain('from now on');

    const [elsewhere] = await bot.say('notifications', a);
    expect(cardText(elsewhere)).toContain('Relationship news goes to another conversation');
  });

  it('explains notifications with an unknown word instead of guessing', async () => {
    const [card] = await bot.say('notifications everywhere');
    expect(cardText(card)).toContain('Type notifications to see where relationship news goes');
  });
});
