import { isAppError } from '../core/errors';
import type { Call, PartnerCenterClient } from './client';
import { unexpectedShape } from './paging';
import type { RelationshipRequest, WebhookRegistration } from './types';

type RelationshipCalls = Pick<
  PartnerCenterClient,
  'getResellerInvitation' | 'getWebhookRegistration' | 'registerWebhook'
>;

function asRegistration(body: unknown): WebhookRegistration | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Partial<WebhookRegistration>;
  if (typeof b.WebhookUrl !== 'string' || b.WebhookUrl === '') return undefined;
  return {
    SubscriberId: typeof b.SubscriberId === 'string' ? b.SubscriberId : undefined,
    WebhookUrl: b.WebhookUrl,
    WebhookEvents: Array.isArray(b.WebhookEvents) ? b.WebhookEvents.filter((e) => typeof e === 'string') : [],
  };
}

/** The reseller invitation link (reference §2) and webhook registration (reference §5). */
export function createRelationshipCalls(call: Call): RelationshipCalls {
  async function current(): Promise<WebhookRegistration | undefined> {
    try {
      return asRegistration(await call<unknown>('getWebhookRegistration', {}, []));
    } catch (err) {
      // Not documented what "nothing registered yet" looks like; a 404 is the likely answer.
      if (isAppError(err, 'PC_NOT_FOUND')) return undefined;
      throw err;
    }
  }

  return {
    async getResellerInvitation() {
      const body = await call<Partial<RelationshipRequest>>('getResellerInvitation', {}, []);
      if (typeof body?.url !== 'string' || !/^https?:\/\//i.test(body.url)) {
        throw unexpectedShape('the reseller relationship request');
      }
      return { url: body.url };
    },

    getWebhookRegistration: current,

    async registerWebhook(webhookUrl, events) {
      const existing = await current();
      const body = { WebhookUrl: webhookUrl, WebhookEvents: [...events] };
      const answer = await call<unknown>(
        existing ? 'updateWebhookRegistration' : 'createWebhookRegistration',
        {},
        [],
        { body },
      );
      const registration = asRegistration(answer);
      if (!registration) throw unexpectedShape('the webhook registration');
      return { registration, previous: existing };
    },
  };
}
