import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox';
import { BotHarness } from '../support/bot-harness';
import { cardText } from '../support/card-text';
import { NORTHWIND, purchaseSandbox } from '../support/purchases';

describe('notify and order read the quantity apart from the offer name', () => {
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

  const notices = async () =>
    (await bot.app.services.store.records.findByIndex<any>('purchase-notice', NORTHWIND.id)).map(
      (r) => r.value,
    );

  it.each([
    ['x99999999', 'The quantity x99999999 is not a whole number from 1 to 1,000,000'],
    ['x0', 'The quantity x0 is not a whole number from 1 to 1,000,000'],
    ['x2.5', 'The quantity x2.5 is not a whole number from 1 to 1,000,000'],
    ['x-3', 'The quantity x-3 is not a whole number from 1 to 1,000,000'],
    ['x5 x7', 'Give the quantity once (x5 and x7)'],
  ])('refuses the quantity %s with a clear error and opens no notice', async (quantity, error) => {
    const [card] = await bot.say(`notify northwind Microsoft 365 E3 ${quantity}`);
    expect(cardText(card)).toContain(error);
    expect(cardText(card)).toContain('notify ‹customer› ‹offer›');
    expect(await notices()).toEqual([]);
  });

  it('refuses an out-of-range quantity on order too, before anything reaches the cart', async () => {
    const [card] = await bot.say('order northwind Microsoft 365 E3 x99999999');
    expect(cardText(card)).toContain('The quantity x99999999 is not a whole number');
    expect(cardText(card)).toContain('order ‹customer› ‹offer›');
  });

  it('keeps the quantity out of the offer name and the order reference', async () => {
    const [card] = await bot.say('notify northwind Microsoft 365 E3 x1000000');
    expect(cardText(card)).toContain('Purchase on hold — Northwind Traders Inc');
    const [notice] = await notices();
    expect(notice).toMatchObject({
      offerName: 'Microsoft 365 E3',
      quantity: 1_000_000,
      orderReference: 'Microsoft 365 E3',
    });
  });
});
