import type { Services } from '../../src/core/context';
import { createSigner } from '../../src/core/signing';
import type { AcceptanceRequest } from '../../src/features/acceptance/request-store';
import { renderCustomerCard } from '../../src/features/acceptance/customer-card';
import { renderFailedCard } from '../../src/features/purchases/failed-card';
import type { PurchaseNotice } from '../../src/features/purchases/notice-store';
import { renderReminderCard } from '../../src/features/purchases/reminder-card';
import { renderTrackingCard } from '../../src/features/purchases/tracking-card';

const DAY = 86_400_000;

/** Just what the purchase card renderers read from Services. */
export const cardServices = {
  partner: { tenantId: '7d1c0c2a-5f43-4c8e-9a3b-2f6d1e8b4a10', name: '*Fabrikam* Cloud' },
  signer: createSigner('x'.repeat(40)),
  links: {
    agreementDocument: (country: string, language: string) =>
      `https://bot.example.com/agreement-document?country=${country}&language=${language}&sig=x`,
    portfolioCsv: () => 'https://bot.example.com/portfolio.csv',
  },
  purchases: { reminderOffsetsMs: [2 * DAY, 5 * DAY, 12 * DAY, 19 * DAY], maxAttempts: 5 },
} as unknown as Services;

export const cardRequest: AcceptanceRequest = {
  id: '9b2f4c1e-8d7a-4e3b-9c6d-1a2b3c4d5e6f',
  customerTenantId: '8fdcceb0-8c63-411f-a6f0-27304fb58973',
  companyName: 'Contoso Pharma [GmbH]',
  country: 'DE',
  language: 'de-DE',
  customerLocale: 'en-US',
  signatory: { firstName: 'Lena', lastName: 'Müller', email: 'lena@contoso.example' },
  state: 'sent',
  acceptanceUrl: 'https://sandbox.example.com/mca/?attestationid=a1',
  requestedBy: { aadObjectId: 'x', tenantId: 'y' },
  partnerConversation: { tenantId: 'y', conversationId: 'c' },
  partnerLocale: 'en-US',
  createdAt: '2026-11-20T10:00:00.000Z',
  purchase: { offerName: 'Microsoft 365 E3', quantity: 25 },
};

export const cardNotice: PurchaseNotice = {
  id: '3c0e8f52-6a1b-4c2d-8e9f-0a1b2c3d4e5f',
  customerTenantId: cardRequest.customerTenantId,
  companyName: 'Contoso Pharma [GmbH]',
  offerName: 'Microsoft 365 E3',
  quantity: 25,
  orderReference: 'PO-*1234*',
  source: 'api',
  state: 'open',
  requestId: cardRequest.id,
  customerCard: 'request',
  requestedBy: { aadObjectId: '', tenantId: 'y' },
  partner: { tenantId: 'y', conversationId: 'c', locale: 'en-US' },
  reminders: { sent: 1, nextAt: '2026-11-25T10:00:00.000Z' },
  createdAt: '2026-11-20T10:00:00.000Z',
};

/** Every purchase-notice card (issue 5) with representative data, for the shared card checks. */
export function purchaseCards(): [string, unknown][] {
  const accepted: PurchaseNotice = {
    ...cardNotice,
    state: 'accepted',
    acceptedAt: '2026-11-22T09:00:00.000Z',
    release: { state: 'delivered', at: '2026-11-22T09:01:00.000Z', status: 200 },
  };
  const forward = {
    ...cardRequest,
    delivery: { channel: 'forward' as const, mailto: 'mailto:lena%40contoso.example?subject=x' },
  };
  return [
    [
      'purchase tracking opening',
      renderTrackingCard({ ...cardNotice, state: 'opening' }, undefined, cardServices, 'en-US'),
    ],
    ['purchase tracking open', renderTrackingCard(cardNotice, cardRequest, cardServices, 'en-US')],
    ['purchase tracking open, forward', renderTrackingCard(cardNotice, forward, cardServices, 'en-US')],
    [
      'purchase tracking accepted',
      renderTrackingCard(accepted, { ...cardRequest, state: 'accepted' }, cardServices, 'en-US'),
    ],
    [
      'purchase tracking cancelled',
      renderTrackingCard({ ...cardNotice, state: 'cancelled' }, cardRequest, cardServices, 'en-US'),
    ],
    [
      'purchase tracking failed',
      renderTrackingCard(
        { ...cardNotice, state: 'failed', lastError: 'INPUT_INVALID' },
        undefined,
        cardServices,
        'en-US',
      ),
    ],
    ['purchase customer on hold', renderCustomerCard(cardRequest, cardServices)],
    ['purchase customer all set', renderCustomerCard({ ...cardRequest, state: 'accepted' }, cardServices)],
    [
      'purchase reminder',
      renderReminderCard({ n: cardNotice, r: cardRequest, number: 2, of: 4 }, cardServices),
    ],
    ['failed list empty', renderFailedCard([], { more: false, maxAttempts: 5, locale: 'en-US' })],
    [
      'failed list',
      renderFailedCard(
        [{ what: 'Reminder to the customer — Contoso', summary: 'Gave up', error: 'TEAMS_UNAVAILABLE: x' }],
        {
          more: false,
          maxAttempts: 5,
          locale: 'en-US',
        },
      ),
    ],
  ];
}
