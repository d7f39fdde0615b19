import { randomUUID } from 'node:crypto';
import type { CartCheckoutResult, CartLineItem, Order } from '../partner-center/types';
import { customerNotFound } from './customers';
import { badRequest, noCommerceRelationship, notFound, ok, pcError, type Reply } from './reply';
import type { Route, RouteContext } from './router';

/**
 * How the emulator refuses an order for a customer without the MCA. Partner Center documents 13605
 * as an error; whether checkout answers it as an HTTP 403 or inside a 200's `orderErrors` is not
 * confirmed (reference §4), so the emulator does either and the client must handle both.
 */
export type OrderRefusal = 'checkout-result' | 'http-403';

const MCA_REQUIRED_DESCRIPTION =
  'Either a partner confirmation of the customer acceptance of the Microsoft Customer Agreement must be ' +
  'provided or the customer must accept the Microsoft Customer Agreement in the Microsoft Admin Center ' +
  'before you can complete this purchase';
const CART_LIFETIME_MS = 7 * 24 * 3_600_000;

interface SandboxCart {
  id: string;
  customerId: string;
  lineItems: CartLineItem[];
  createdAt: number;
  result?: CartCheckoutResult;
}

/** Carts and orders placed against the emulator; `POST …/carts` then `…/checkout`. */
export class OrderBook {
  refusal: OrderRefusal = 'checkout-result';
  readonly placed: (Order & { lineItems: CartLineItem[] })[] = [];
  private readonly carts = new Map<string, SandboxCart>();

  clear(): void {
    this.carts.clear();
    this.placed.length = 0;
    this.refusal = 'checkout-result';
  }

  /** Carts and orders as JSON data (sandbox restarts: persistence.ts). */
  dump(): { carts: SandboxCart[]; placed: OrderBook['placed'] } {
    return { carts: [...this.carts.values()], placed: [...this.placed] };
  }

  load(data: ReturnType<OrderBook['dump']>): void {
    this.carts.clear();
    for (const c of data.carts) this.carts.set(c.id, c);
    this.placed.splice(0, this.placed.length, ...data.placed);
  }

  addCart(cart: SandboxCart): void {
    this.carts.set(cart.id, cart);
  }

  cart(id: string): SandboxCart | undefined {
    return this.carts.get(id);
  }
}

function lineItems(body: unknown): CartLineItem[] | undefined {
  const items = (body as { lineItems?: unknown } | undefined)?.lineItems;
  if (!Array.isArray(items) || items.length === 0) return undefined;
  const ok = items.every((i: Partial<CartLineItem>) => {
    const qty = i?.quantity;
    const valid = typeof qty === 'number' && Number.isInteger(qty) && qty >= 1;
    return typeof i?.catalogItemId === 'string' && i.catalogItemId !== '' && valid;
  });
  return ok ? (items as CartLineItem[]) : undefined;
}

function createCart({ params, world, body }: RouteContext): Reply {
  const customer = world.getCustomer(params.id ?? '');
  if (!customer) return customerNotFound(params.id);
  const items = lineItems(body);
  if (!items) return badRequest('lineItems must hold at least one item with catalogItemId and quantity ≥ 1.');
  const now = world.clock.now().getTime();
  const cart = { id: randomUUID(), customerId: customer.id, lineItems: items, createdAt: now };
  world.orders.addCart(cart);
  return ok(
    {
      id: cart.id,
      creationTimestamp: new Date(now).toISOString(),
      expirationTimestamp: new Date(now + CART_LIFETIME_MS).toISOString(),
      lineItems: items,
      status: 'Active',
    },
    201,
  );
}

const ACCEPTED = new Set(['attested', 'direct', 'attested-and-direct']);

function checkout({ params, world }: RouteContext): Reply {
  const customer = world.getCustomer(params.id ?? '');
  if (!customer) return customerNotFound(params.id);
  const cart = world.orders.cart(params.cartId ?? '');
  const now = world.clock.now().getTime();
  if (!cart || cart.customerId !== customer.id || now - cart.createdAt > CART_LIFETIME_MS)
    return notFound(`Cart ${params.cartId ?? ''} was not found or has expired.`);
  // Checkout is idempotent: the same cart answers the same result.
  if (cart.result) return ok(cart.result);
  if (customer.relationshipToPartner !== 'reseller') {
    return noCommerceRelationship(customer.id);
  }
  if (!ACCEPTED.has(customer.scenario)) {
    if (world.orders.refusal === 'http-403')
      return pcError(403, 13605, MCA_REQUIRED_DESCRIPTION, 'MicrosoftCustomerAgreementNotAccepted');
    // Not kept as the cart's result: the same cart goes through once the customer has accepted.
    return ok({
      orders: [],
      orderErrors: [{ orderGroupId: '0', code: 13605, description: MCA_REQUIRED_DESCRIPTION }],
    });
  }
  const order = {
    id: randomUUID(),
    referenceCustomerId: customer.id,
    status: 'completed',
    creationDate: new Date(now).toISOString(),
    lineItems: cart.lineItems,
  };
  world.orders.placed.push(order);
  cart.result = { orders: [order], orderErrors: [] };
  return ok(cart.result);
}

export const orderRoutes: Route[] = [
  {
    method: 'POST',
    template: '/v1/customers/{id}/carts',
    auth: 'any',
    customerScoped: true,
    handle: createCart,
  },
  {
    method: 'POST',
    template: '/v1/customers/{id}/carts/{cartId}/checkout',
    auth: 'any',
    customerScoped: true,
    handle: checkout,
  },
];
