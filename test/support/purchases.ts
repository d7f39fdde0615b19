export { until } from './until';
import { buildCustomer, DEMO_CUSTOMERS, startSandbox, type Sandbox } from '../../src/sandbox';
import type { Clock } from '../../src/core/clock';
import type { Who } from './bot-harness';

/** A not-accepted customer in the US with an en-US billing culture (cards and mail in English). */
export function usCustomer(id: string, companyName: string, slug: string, first: string, last: string) {
  return buildCustomer({
    id,
    companyName,
    slug,
    country: 'US',
    culture: 'en-US',
    language: 'en',
    city: 'Seattle',
    postalCode: '98101',
    addressLine1: '1 Example Way',
    state: 'WA',
    contact: {
      firstName: first,
      lastName: last,
      email: `${first.toLowerCase()}@${slug}.example`,
      phoneNumber: '+1 206 555 0100',
    },
    scenario: 'not-accepted',
  });
}

export const NORTHWIND = usCustomer(
  '5b9e2a47-1c3d-4e8f-9a0b-1c2d3e4f5a61',
  'Northwind Traders Inc',
  'northwind',
  'Nancy',
  'Davolio',
);
export const WINGTIP = usCustomer(
  '6c0f3b58-2d4e-4f90-8b1c-2d3e4f5a6b72',
  'Wingtip Toys LLC',
  'wingtip',
  'Andrew',
  'Fuller',
);
export const LITWARE = usCustomer(
  '7d104c69-3e5f-4a01-9c2d-3e4f5a6b7c83',
  'Litware Inc',
  'litware',
  'Janet',
  'Leverling',
);
export const TAILWIND = usCustomer(
  '8e215d7a-4f60-4b12-8d3e-4f5a6b7c8d94',
  'Tailwind Traders Corp',
  'tailwind',
  'Robert',
  'King',
);
/** Accepted directly in the admin center (demo data). */
export const FABRIKAM_ID = '4db61b85-10e6-4651-969d-6fbe6f49b1fc';

export async function purchaseSandbox(clock?: Clock): Promise<Sandbox> {
  return startSandbox({
    control: true,
    clock,
    customers: [...DEMO_CUSTOMERS, NORTHWIND, WINGTIP, LITWARE, TAILWIND],
  });
}

/** The customer's admin in their own tenant, with the app installed in a personal chat. */
export function customerAdmin(tenantId: string, name: string): Who {
  return {
    tenantId,
    aadObjectId: `${tenantId.slice(0, 8)}-aaaa-4bbb-8ccc-${tenantId.slice(-12)}`,
    userId: `29:${name}`,
    conversationId: `a:customer-${name}`,
    locale: 'en-US',
  };
}
