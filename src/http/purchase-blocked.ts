import type { Request, Response } from 'restify';
import type { Services } from '../core/context';
import { asAppError } from '../core/errors';
import { httpStatusFor } from '../core/error-table';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import { readPurchaseInput } from '../features/purchases/purchase-input';
import { reportBlockedPurchase } from '../features/purchases/report-blocked-purchase';
import { createApiKeyCheck, createKeyRateLimit } from './api-keys';
import { readRawBody } from './raw-body';

export const PURCHASE_BLOCKED_PATH = '/api/purchase-blocked';
/** A blocked purchase is a few hundred bytes; the route reads its own body with this limit. */
const MAX_PURCHASE_BODY_BYTES = 16 * 1024;

export interface PurchaseBlockedDeps {
  services: Services;
  log: Logger;
  metrics: Metrics;
  purchaseApi: { keys: readonly string[]; ratePerMinute: number };
}

function refuse(res: Response, status: number, code: string, message: string, extra: object = {}): void {
  res.send(status, { error: { code, message, ...extra } });
}

/**
 * `POST /api/purchase-blocked` from the partner's ordering system, `Authorization: Bearer <key>`:
 * 202 `{ noticeId }` (opened, or the same notice again for the same idempotency key or customer +
 * orderReference), 200 `{ mcaSatisfied: true }`, 400 with field errors, 401, 404 (not our
 * customer), 413 (over 16 KB), 429 (per-key rate, with Retry-After), 503 (Partner Center down).
 */
export function purchaseBlockedRoute(deps: PurchaseBlockedDeps) {
  const checkKey = createApiKeyCheck(deps.purchaseApi.keys);
  const rateLimit = createKeyRateLimit(deps.purchaseApi.ratePerMinute, () =>
    deps.services.clock.now().getTime(),
  );
  const requests = deps.metrics.counter(
    'mca_purchase_blocked_requests_total',
    'POST /api/purchase-blocked requests by outcome',
  );
  return async (req: Request, res: Response): Promise<void> => {
    const outcome = (name: string, facts: Record<string, unknown> = {}) => {
      requests.inc({ outcome: name });
      deps.log.info({ route: PURCHASE_BLOCKED_PATH, outcome: name, ...facts }, 'purchase-blocked request');
    };
    const key = checkKey(req.headers.authorization);
    if (key < 0) {
      outcome('unauthorized');
      res.setHeader('WWW-Authenticate', 'Bearer realm="mca-assist"');
      return refuse(
        res,
        401,
        'Unauthorized',
        'Send Authorization: Bearer <key> with a key from PURCHASE_API_KEYS.',
      );
    }
    const caller = { key: key + 1 };
    const waitMs = rateLimit(key);
    if (waitMs > 0) {
      outcome('throttled', caller);
      res.setHeader('Retry-After', String(Math.ceil(waitMs / 1000)));
      return refuse(
        res,
        429,
        'TooManyRequests',
        'Too many requests for this key (PURCHASE_API_RATE_PER_MINUTE).',
      );
    }
    const raw = await readRawBody(req, MAX_PURCHASE_BODY_BYTES);
    if (!raw.ok) {
      outcome(raw.reason, caller);
      res.setHeader('Connection', 'close');
      return refuse(res, 413, 'PayloadTooLarge', `Bodies are limited to ${MAX_PURCHASE_BODY_BYTES} bytes.`);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.body.toString('utf8'));
    } catch {
      outcome('malformed', caller);
      return refuse(res, 400, 'InvalidRequest', 'The body is not JSON.', {
        fields: [{ field: '(body)', message: 'must be a JSON object.' }],
      });
    }
    const { value, errors } = readPurchaseInput(body);
    if (!value) {
      outcome('invalid', { ...caller, fields: errors.map((e) => e.field).join(',') });
      return refuse(res, 400, 'InvalidRequest', 'Some fields are missing or invalid.', { fields: errors });
    }
    try {
      const result = await reportBlockedPurchase(deps.services, value);
      if (result.kind === 'satisfied') {
        outcome('satisfied', caller);
        res.send(200, { mcaSatisfied: true });
        return;
      }
      if (result.kind === 'no-relationship') {
        outcome('no-relationship', caller);
        return refuse(
          res,
          409,
          'NoResellerRelationship',
          'This customer has no reseller relationship with you, so Partner Center takes no order for them and nobody was told. Send them your reseller invitation first (invite <customer> in Teams); accepting it accepts the MCA too.',
        );
      }
      const noticeId = result.kind === 'opened' ? result.notice.id : result.noticeId;
      outcome(result.kind, { ...caller, noticeId });
      res.send(202, { noticeId });
    } catch (thrown) {
      const err = asAppError(thrown);
      const status = httpStatusFor(err);
      if (status === 404) {
        outcome('not-customer', caller);
        return refuse(
          res,
          404,
          'CustomerNotFound',
          'This tenant is not one of your customers in Partner Center.',
        );
      }
      if (status === 503) {
        outcome('unavailable', { ...caller, code: err.code });
        res.setHeader('Retry-After', '30');
        return refuse(
          res,
          503,
          'Unavailable',
          'Partner Center or the store did not answer; send it again later.',
        );
      }
      deps.log.error({ err: err.cause ?? err, code: err.code, ...caller }, 'purchase-blocked request failed');
      requests.inc({ outcome: 'error' });
      return refuse(res, 500, 'InternalError', 'The notice could not be opened; send it again later.');
    }
  };
}
