import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger';
import {
  createPartnerCenterClient,
  createStaticTokenGetter,
  type PartnerCenterClient,
} from '../../src/partner-center';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { SANDBOX_APP_TOKEN, SANDBOX_USER_TOKEN } from '../../src/sandbox/constants';

const NOT_ACCEPTED = '8fdcceb0-8c63-411f-a6f0-27304fb58973'; // Contoso Pharma GmbH
const ACCEPTED = '434fb1a8-7442-4f06-a915-a825a1bb25b0'; // Contoso Ltd
const NO_RELATIONSHIP = 'cb75376c-1991-4f43-9bc0-0581359c24c2'; // Adventure Works
const line = { catalogItemId: 'CFQ7TTC0LFLZ:0002', friendlyName: 'Microsoft 365 E3', quantity: 3 };

describe('Partner Center client against the sandbox: orders through a cart', () => {
  let sandbox: Sandbox;
  let pc: PartnerCenterClient;
  beforeAll(async () => {
    sandbox = await startSandbox();
    pc = createPartnerCenterClient({
      baseUrl: sandbox.url,
      getToken: createStaticTokenGetter({ app: SANDBOX_APP_TOKEN, user: SANDBOX_USER_TOKEN }),
      log: silentLogger(),
      sleep: async () => undefined,
    });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.world.reset());

  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      return err as { code: string; details: Record<string, unknown> };
    }
    throw new Error('expected the order to be refused');
  };

  it('places the order for a customer who accepted the MCA', async () => {
    const placed = await pc.placeOrder(ACCEPTED, line);
    expect(placed.orders).toHaveLength(1);
    expect(sandbox.world.orders.placed[0]).toMatchObject({
      referenceCustomerId: ACCEPTED,
      lineItems: [{ quantity: 3 }],
    });
  });

  it('maps 13605 in the checkout result’s orderErrors to PC_MCA_REQUIRED, naming the cart', async () => {
    const err = await refusal(pc.placeOrder(NOT_ACCEPTED, line));
    expect(err).toMatchObject({ code: 'PC_MCA_REQUIRED', details: { pcCode: '13605' } });
    expect(sandbox.world.orders.cart(String(err.details.cartId))).toBeDefined();
    expect(sandbox.world.orders.placed).toEqual([]);
  });

  it('maps 13605 answered as an HTTP 403 the same way', async () => {
    sandbox.world.orders.refusal = 'http-403';
    const err = await refusal(pc.placeOrder(NOT_ACCEPTED, line));
    expect(err).toMatchObject({ code: 'PC_MCA_REQUIRED', details: { status: 403, pcCode: '13605' } });
    expect(err.details.cartId).toEqual(expect.any(String));
  });

  it('says there is no reseller relationship (20002) rather than blaming the MCA', async () => {
    const err = await refusal(pc.placeOrder(NO_RELATIONSHIP, line));
    expect(err.code).toBe('PC_NO_RELATIONSHIP');
  });
});
