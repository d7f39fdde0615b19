import { sign } from 'node:crypto';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Reply } from './reply';
import type { WebhookSigningMaterial } from './webhook-signing';

export const WEBHOOK_CERTIFICATE_PATH = '/sandbox/webhook-certificate.cer';
/** Partner Center tries a delivery 10 times, then gives up (reference §5). */
const MAX_ATTEMPTS = 10;

export interface WebhookRegistrationState {
  subscriberId: string;
  url: string;
  events: string[];
}

export interface WebhookDelivery {
  eventName: string;
  target: string;
  body: string;
  attempts: number;
  /** Last HTTP status, 0 for no answer, or 'not-registered' when no URL wanted this event. */
  status: number | 'pending' | 'not-registered';
}

/**
 * Signs and delivers Partner Center webhook events from the sandbox, as Partner Center does:
 * `Authorization: Signature <base64 RSA-SHA256 of the body>`, the certificate URL and algorithm headers,
 * retried with backoff up to 10 attempts. Without a registration (webhooks register) events go to
 * the default target (SANDBOX_WEBHOOK_URL, or the bot itself) so the local loop works at once.
 */
export class WebhookSender {
  registration?: WebhookRegistrationState;
  defaultTarget?: string;
  /** Delays between attempts; tests shorten them. */
  retryDelaysMs = [250, 500, 1_000, 2_000, 4_000, 4_000, 4_000, 4_000, 4_000];
  readonly deliveries: WebhookDelivery[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly closing = new AbortController();

  constructor(
    readonly material: WebhookSigningMaterial,
    private readonly deps: {
      clock: Clock;
      baseUrl: () => string;
      /** The bot's own webhook URL (set when it listens) unless SANDBOX_WEBHOOK_URL says otherwise. */
      defaultTarget?: () => string | undefined;
      log: Logger;
      fetch?: typeof fetch;
    },
  ) {}

  /** Base64 RSA-SHA256 (PKCS#1 v1.5) signature of these exact bytes. */
  sign(body: string | Buffer): string {
    return sign(
      'sha256',
      typeof body === 'string' ? Buffer.from(body) : body,
      this.material.privateKey,
    ).toString('base64');
  }

  headers(body: string): Record<string, string> {
    return {
      'Content-Type': 'application/json; charset=utf-8',
      Authorization: `Signature ${this.sign(body)}`,
      'X-MS-Certificate-Url': `${this.deps.baseUrl()}${WEBHOOK_CERTIFICATE_PATH}`,
      'X-MS-Signature-Algorithm': 'rsa-sha256',
    };
  }

  /** Queues one event for delivery; returns at once (delivery runs in the background). */
  send(eventName: string, resourceUri: string | null, resourceName: string): WebhookDelivery {
    const body = JSON.stringify({
      EventName: eventName,
      ResourceUri: resourceUri,
      ResourceName: resourceName,
      AuditUri: null,
      ResourceChangeUtcDate: this.deps.clock.now().toISOString(),
    });
    const registered = this.registration;
    const fallback = this.defaultTarget ?? this.deps.defaultTarget?.();
    const target = registered
      ? registered.events.includes(eventName)
        ? registered.url
        : undefined
      : fallback;
    const delivery: WebhookDelivery = {
      eventName,
      target: target ?? '',
      body,
      attempts: 0,
      status: target ? 'pending' : 'not-registered',
    };
    this.deliveries.push(delivery);
    if (target) {
      const run = this.deliver(delivery).finally(() => this.running.delete(run));
      this.running.add(run);
    }
    return delivery;
  }

  /** Resolves when every queued delivery has finished (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  close(): void {
    this.closing.abort();
  }

  /** Forgets the registration and the delivery log (world reset); the signing key stays. */
  reset(): void {
    this.registration = undefined;
    this.deliveries.length = 0;
  }

  /** `GET /sandbox/webhook-certificate.cer`: the signing certificate (PEM; the bot reads PEM and DER). */
  certificateReply(): Reply {
    return {
      status: 200,
      text: this.material.certificate.toString(),
      contentType: 'application/x-pem-file',
      headers: { 'Cache-Control': 'max-age=3600' },
    };
  }

  private async deliver(delivery: WebhookDelivery): Promise<void> {
    const doFetch = this.deps.fetch ?? globalThis.fetch;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && !this.closing.signal.aborted; attempt++) {
      delivery.attempts = attempt;
      try {
        const res = await doFetch(delivery.target, {
          method: 'POST',
          headers: this.headers(delivery.body),
          body: delivery.body,
          signal: AbortSignal.any([this.closing.signal, AbortSignal.timeout(10_000)]),
        });
        await res.arrayBuffer();
        delivery.status = res.status;
        // The sandbox's choice: a refusal (4xx other than 408/429) will not change on retry.
        if (res.ok || (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429))
          return;
      } catch {
        delivery.status = 0;
      }
      this.deps.log.debug(
        { eventName: delivery.eventName, attempt, status: delivery.status },
        'sandbox webhook not accepted',
      );
      if (attempt === MAX_ATTEMPTS) return;
      const delay = this.retryDelaysMs[attempt - 1] ?? 4_000;
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
    }
  }
}
