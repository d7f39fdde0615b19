import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../core/clock';
import type { ReleaseNotice, ReleaseSender } from '../core/context';

const SIGNATURE_HEADER = 'X-MCA-Signature';
const TIMESTAMP_HEADER = 'X-MCA-Timestamp';
/** The notice id again, so a receiver can drop a repeat before parsing the body. */
const NOTICE_HEADER = 'X-MCA-Notice-Id';
/** How old a release may be before a receiver should refuse it (replay window). */
const RELEASE_TOLERANCE_SECONDS = 300;

/**
 * `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`. The timestamp is inside the MAC, so a
 * captured request cannot be replayed later with a fresh timestamp header.
 *
 * @example
 * signRelease(secret, '1767225600', '{"noticeId":"…"}') // 'sha256=5f1c…'
 */
function signRelease(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/**
 * What a receiver does (docs/purchase-api.md): recompute the signature over the raw bytes, compare
 * in constant time, and refuse timestamps outside the tolerance.
 *
 * @example
 * verifyRelease(secret, req.headers['x-mca-timestamp'], req.headers['x-mca-signature'], raw, Date.now())
 */
export function verifyRelease(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  rawBody: string,
  nowMs: number,
  toleranceSeconds = RELEASE_TOLERANCE_SECONDS,
): boolean {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signRelease(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface ReleaseSenderOptions {
  url: string;
  secret: string;
  clock: Clock;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Posts `{ noticeId, orderReference, customerTenantId, acceptedAt }` to PURCHASE_RELEASE_URL, signed.
 * One attempt per call: the `purchase.release` job retries with backoff until a 2xx.
 *
 * @example
 * const release = createReleaseSender({ url, secret, clock });
 * const { status } = await release.send(notice);
 */
export function createReleaseSender(options: ReleaseSenderOptions): ReleaseSender {
  const doFetch = options.fetch ?? globalThis.fetch;
  return {
    async send(notice: ReleaseNotice) {
      const body = JSON.stringify({
        noticeId: notice.noticeId,
        orderReference: notice.orderReference,
        customerTenantId: notice.customerTenantId,
        acceptedAt: notice.acceptedAt,
      });
      const timestamp = String(Math.floor(options.clock.now().getTime() / 1000));
      const response = await doFetch(options.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signRelease(options.secret, timestamp, body),
          [NOTICE_HEADER]: notice.noticeId,
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      // The body is not needed; reading it frees the connection.
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status };
    },
  };
}
