import { randomUUID } from 'node:crypto';
import { SANDBOX_PARTNER_TENANT_ID } from './constants';
import { INVITATION_PATH } from './consent-pages';
import { badRequest, notFound, ok, type Reply } from './reply';
import type { Route, RouteContext } from './router';

/** Events Partner Center offers (reference §5, 2023 list, abridged to the ones the sandbox can fire and a few more). */
const SANDBOX_WEBHOOK_EVENTS = [
  'test-created',
  'subscription-updated',
  'reseller-relationship-accepted-by-customer',
  'granular-admin-relationship-approved',
  'granular-admin-relationship-activated',
  'granular-admin-relationship-terminated',
  'granular-admin-relationship-expired',
  'dap-admin-relationship-approved',
  'dap-admin-relationship-terminated',
  'invoice-ready',
];

/**
 * GET /v1/customers/relationshiprequests: the reusable reseller invitation, pointing at the sandbox's
 * stand-in for the Microsoft 365 admin center page (same query and fragment as the documented URL).
 */
function getInvitation({ world }: RouteContext): Reply {
  const query = `invType=ResellerRelationship&partnerId=${SANDBOX_PARTNER_TENANT_ID}&msppId=0&DAP=false`;
  return ok({
    url: `${world.baseUrl}${INVITATION_PATH}?${query}#/BillingAccounts/partner-invitation`,
    attributes: { objectType: 'RelationshipRequest' },
  });
}

function wire(world: RouteContext['world']) {
  const r = world.webhooks.registration;
  return r && { SubscriberId: r.subscriberId, WebhookUrl: r.url, WebhookEvents: r.events };
}

function getRegistration({ world }: RouteContext): Reply {
  const current = wire(world);
  return current ? ok(current) : notFound('No webhook registration exists for this partner.');
}

/** POST creates (409 when one exists), PUT replaces (404 when none): the sandbox is strict so clients pick right. */
function saveRegistration(method: 'POST' | 'PUT') {
  return ({ world, body }: RouteContext): Reply => {
    const b = (body ?? {}) as { WebhookUrl?: unknown; WebhookEvents?: unknown };
    const exists = world.webhooks.registration !== undefined;
    if (method === 'POST' && exists)
      return { ...badRequest('A registration exists; update it with PUT.'), status: 409 };
    if (method === 'PUT' && !exists) return notFound('No webhook registration exists; create it with POST.');
    if (typeof b.WebhookUrl !== 'string' || !/^https?:\/\//.test(b.WebhookUrl))
      return badRequest('WebhookUrl must be an http(s) URL.');
    const events = Array.isArray(b.WebhookEvents) ? b.WebhookEvents : [];
    const unknown = events.filter((e) => typeof e !== 'string' || !SANDBOX_WEBHOOK_EVENTS.includes(e));
    if (events.length === 0 || unknown.length > 0) {
      return badRequest(
        `WebhookEvents must name known events; unknown: ${unknown.map(String).join(', ') || '(none given)'}.`,
      );
    }
    const subscriberId = world.webhooks.registration?.subscriberId ?? randomUUID();
    world.webhooks.registration = { subscriberId, url: b.WebhookUrl, events: events as string[] };
    return ok(wire(world), method === 'POST' ? 201 : 200);
  };
}

/** Listed before the customer routes: `/v1/customers/{id}` would otherwise take "relationshiprequests" as an id. */
export const relationshipRoutes: Route[] = [
  { method: 'GET', template: '/v1/customers/relationshiprequests', auth: 'user', handle: getInvitation },
  {
    method: 'GET',
    template: '/webhooks/v1/registration/events',
    auth: 'any',
    handle: () => ok(SANDBOX_WEBHOOK_EVENTS),
  },
  { method: 'GET', template: '/webhooks/v1/registration', auth: 'any', handle: getRegistration },
  { method: 'POST', template: '/webhooks/v1/registration', auth: 'any', handle: saveRegistration('POST') },
  { method: 'PUT', template: '/webhooks/v1/registration', auth: 'any', handle: saveRegistration('PUT') },
];
