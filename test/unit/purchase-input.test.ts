import { describe, expect, it } from 'vitest';
import { parseOrderArgs } from '../../src/features/purchases/parse-order-args';
import { readPurchaseInput } from '../../src/features/purchases/purchase-input';

describe('what a blocked purchase carries', () => {
  it('accepts a complete body and lower-cases the tenant id', () => {
    const { value, errors } = readPurchaseInput({
      customerTenantId: '5B9E2A47-1C3D-4E8F-9A0B-1C2D3E4F5A61',
      offerName: ' Microsoft 365 E3 ',
      quantity: 25,
      orderReference: 'PO-1',
      idempotencyKey: 'k1',
      extra: 'ignored',
    });
    expect(errors).toEqual([]);
    expect(value).toEqual({
      customerTenantId: '5b9e2a47-1c3d-4e8f-9a0b-1c2d3e4f5a61',
      offerName: 'Microsoft 365 E3',
      quantity: 25,
      orderReference: 'PO-1',
      idempotencyKey: 'k1',
    });
  });

  it('names every problem at once', () => {
    const { value, errors } = readPurchaseInput({ offerName: 7, quantity: 2.5, orderReference: 'a\u0000b' });
    expect(value).toBeUndefined();
    expect(errors).toEqual([
      { field: 'customerTenantId', message: 'is required.' },
      { field: 'offerName', message: 'must be a string.' },
      { field: 'orderReference', message: 'must not contain control characters.' },
      { field: 'quantity', message: 'must be a whole number from 1 to 1000000.' },
    ]);
  });
});

describe('notify and order arguments', () => {
  it('reads the customer, the offer, a quantity and an order reference', () => {
    expect(parseOrderArgs('contoso Microsoft 365 E3 x25 #PO-1234', 'notify')).toEqual({
      customer: { kind: 'name', value: 'contoso' },
      offerName: 'Microsoft 365 E3',
      quantity: 25,
      orderReference: 'PO-1234',
    });
  });

  it('takes a quoted customer name with spaces, or a domain', () => {
    expect(parseOrderArgs('"Contoso Pharma" Azure plan', 'notify').customer).toEqual({
      kind: 'name',
      value: 'Contoso Pharma',
    });
    expect(parseOrderArgs('contoso.onmicrosoft.com Azure ×3', 'order')).toMatchObject({
      customer: { kind: 'domain', value: 'contoso.onmicrosoft.com' },
      quantity: 3,
    });
  });

  it('explains the form when the offer is missing', () => {
    expect(() => parseOrderArgs('contoso', 'notify')).toThrow(
      /Which offer was refused\? Type `notify <customer> <offer>`/,
    );
    expect(() => parseOrderArgs('', 'order')).toThrow(/`order <customer> <offer>`/);
  });
});
