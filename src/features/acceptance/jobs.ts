/**
 * The acceptance request's durable jobs and their idempotency keys, used both where a job is
 * queued and where it is cancelled.
 */
export const ACCEPTANCE_JOBS = {
  /** Creates the attestation and delivers the customer card (src/features/acceptance/start-request.ts). */
  start: 'acceptance.start',
  /** Polls Partner Center with backoff until the request closes (watch-acceptance.ts). */
  watch: 'acceptance.watch',
} as const;

export const startKey = (requestId: string): string => `${ACCEPTANCE_JOBS.start}:${requestId}`;
export const watchKey = (requestId: string): string => `${ACCEPTANCE_JOBS.watch}:${requestId}`;
