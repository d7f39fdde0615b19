import type { Request, Response } from 'restify';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import type { Services } from '../core/context';
import { parseEvent } from '../webhooks/event';
import { intakeEvent, type IntakeOutcome } from '../webhooks/intake';
import type { WebhookVerifier } from '../webhooks/signature';
import { readRawBody } from './raw-body';

export const PARTNER_CENTER_WEBHOOK_PATH = '/api/partner-center/webhooks';
/** Partner Center events are a few hundred bytes; anything this large is not one. */
const MAX_WEBHOOK_BYTES = 64 * 1024;

export interface WebhookRouteDeps {
  webhookVerifier: WebhookVerifier;
  services: Pick<Services, 'store' | 'clock'>;
  metrics: Metrics;
  log: Logger;
}

function answer(res: Response, status: number, code: string, message: string, close = false): void {
  if (close) res.setHeader('Connection', 'close');
  res.send(status, { error: { code, message } });
}

/**
 * `POST /api/partner-center/webhooks`: Partner Center events. Nothing is processed unless the
 * signature verifies over the raw bytes; verified events are queued once and handled by a job.
 * Replays (the same event again, or an old one) get 200 and are counted, not handled again: Partner
 * Center treats any other answer as a failed delivery, retries it and finally queues it offline.
 */
export function partnerCenterWebhookRoute(deps: WebhookRouteDeps) {
  const requests = deps.metrics.counter(
    'mca_partner_center_webhook_requests_total',
    'Partner Center webhook requests by outcome',
  );
  return async (req: Request, res: Response): Promise<void> => {
    const count = (outcome: string, facts: Record<string, unknown> = {}) => {
      requests.inc({ outcome });
      const level = outcome === 'accepted' || outcome === 'duplicate' ? 'info' : 'warn';
      deps.log[level]({ outcome, ...facts }, 'Partner Center webhook');
    };
    const raw = await readRawBody(req, MAX_WEBHOOK_BYTES);
    if (!raw.ok) {
      count(raw.reason === 'too-large' ? 'too-large' : 'aborted');
      return answer(
        res,
        413,
        'PayloadTooLarge',
        `Webhook bodies are limited to ${MAX_WEBHOOK_BYTES} bytes.`,
        true,
      );
    }
    const verdict = await deps.webhookVerifier.verify({ headers: req.headers, rawBody: raw.body });
    if (!verdict.ok) {
      count(verdict.reason);
      return answer(res, 401, 'InvalidSignature', 'The request is not signed by Partner Center.');
    }
    const event = parseEvent(raw.body);
    if (!event) {
      count('malformed');
      return answer(res, 400, 'BadRequest', 'The body is not a Partner Center event.');
    }
    let outcome: IntakeOutcome;
    try {
      outcome = await intakeEvent(deps.services.store, deps.services.clock, event);
    } catch (err) {
      // Partner Center retries a failed delivery, so a passing store failure loses nothing.
      count('error', { eventName: event.eventName, err });
      return answer(res, 503, 'Unavailable', 'The event could not be stored; deliver it again later.');
    }
    count(outcome, { eventName: event.eventName });
    res.send(200, { status: outcome });
  };
}
