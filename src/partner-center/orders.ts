import { randomUUID } from 'node:crypto';
import { isAppError } from '../core/errors';
import type { Call, PartnerCenterClient } from './client';
import { toAppError } from './errors';
import { unexpectedShape } from './paging';
import type { Cart, CartCheckoutResult, CartLineItem } from './types';
import { assertTenantId } from './validate';

type OrderCalls = Pick<PartnerCenterClient, 'placeOrder'>;

function asCheckout(body: unknown): CartCheckoutResult {
  const b = body as Partial<CartCheckoutResult> | undefined;
  if (!b || typeof b !== 'object') throw unexpectedShape('the cart checkout result');
  return {
    orders: Array.isArray(b.orders) ? b.orders : [],
    orderErrors: Array.isArray(b.orderErrors) ? b.orderErrors : [],
  };
}

/**
 * Ordering through a cart: create it, then check it out. A refused line comes back inside a 200
 * (`orderErrors`) or as an HTTP error; both become the same AppError, so `13605` is
 * PC_MCA_REQUIRED either way (reference §4).
 */
export function createOrderCalls(call: Call): OrderCalls {
  return {
    async placeOrder(customerTenantId, line) {
      assertTenantId(customerTenantId);
      const item: CartLineItem = { id: 0, billingCycle: 'monthly', termDuration: 'P1M', ...line };
      const cart = await call<Cart>('createCart', { tenantId: customerTenantId }, [], {
        body: { lineItems: [item] },
        logFields: { customerTenantId },
      });
      if (typeof cart?.id !== 'string' || cart.id === '') throw unexpectedShape('the new cart');
      const requestId = randomUUID();
      // The cart id travels with the error: it is the order to retry (checkout is idempotent).
      const withCart = (err: unknown) => {
        if (isAppError(err)) err.details.cartId = cart.id;
        return err;
      };
      const answer = await call<unknown>(
        'checkoutCart',
        { tenantId: customerTenantId, cartId: cart.id },
        [],
        {
          requestId,
          logFields: { customerTenantId },
        },
      ).catch((err: unknown) => {
        throw withCart(err);
      });
      const result = asCheckout(answer);
      const [refused] = result.orderErrors;
      if (refused) throw withCart(toAppError(403, refused, requestId));
      return { cartId: cart.id, orders: result.orders };
    },
  };
}
