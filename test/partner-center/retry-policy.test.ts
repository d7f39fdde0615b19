import { describe, expect, it } from 'vitest';
import { createRetryPolicy, parseRetryAfter } from '../../src/partner-center/retry-policy';

const NOW = Date.parse('Wed, 21 Oct 2015 07:27:50 GMT');

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('57', NOW)).toBe(57_000);
    expect(parseRetryAfter(' 0.5 ', NOW)).toBe(500);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', NOW)).toBe(10_000);
  });

  it('treats a date in the past as no wait', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', NOW)).toBe(0);
  });

  it.each([null, undefined, '', 'soon', '-5'])('ignores %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('the retry policy', () => {
  const policy = createRetryPolicy(
    { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 3_000 },
    () => 1,
    () => NOW,
  );

  it.each([429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(policy.decide({ kind: 'status', status }, 1)).toMatchObject({ retry: true });
  });

  it.each([400, 401, 403, 404, 409, 501])('does not retry HTTP %i', (status) => {
    expect(policy.decide({ kind: 'status', status }, 1)).toEqual({ retry: false });
  });

  it('retries network errors and timeouts', () => {
    expect(policy.decide({ kind: 'network' }, 1)).toMatchObject({ retry: true, source: 'backoff' });
    expect(policy.decide({ kind: 'timeout' }, 1)).toMatchObject({ retry: true, source: 'backoff' });
  });

  it('stops after maxAttempts attempts', () => {
    expect(policy.decide({ kind: 'status', status: 503 }, 3)).toMatchObject({ retry: true });
    expect(policy.decide({ kind: 'status', status: 503 }, 4)).toEqual({ retry: false });
  });

  it('doubles the backoff ceiling per attempt up to maxDelayMs', () => {
    const delays = [1, 2, 3].map((n) => policy.decide({ kind: 'network' }, n));

    expect(delays.map((d) => (d.retry ? d.delayMs : -1))).toEqual([500, 1_000, 2_000]);
    const late = createRetryPolicy({ maxAttempts: 10, baseDelayMs: 500, maxDelayMs: 3_000 }, () => 1);
    const d = late.decide({ kind: 'network' }, 8);
    expect(d.retry && d.delayMs).toBe(3_000);
  });

  it('draws the backoff from the whole range (full jitter)', () => {
    const low = createRetryPolicy({}, () => 0).decide({ kind: 'network' }, 2);
    const mid = createRetryPolicy({}, () => 0.25).decide({ kind: 'network' }, 2);

    expect(low.retry && low.delayMs).toBe(0);
    expect(mid.retry && mid.delayMs).toBe(250);
  });

  it('obeys Retry-After on a 503 too', () => {
    expect(policy.decide({ kind: 'status', status: 503, retryAfter: '2' }, 1)).toEqual({
      retry: true,
      delayMs: 2_000,
      source: 'retry-after',
    });
  });

  it('uses the defaults when options are left undefined', () => {
    const p = createRetryPolicy({ maxAttempts: undefined });

    expect(p.maxAttempts).toBe(4);
  });
});
