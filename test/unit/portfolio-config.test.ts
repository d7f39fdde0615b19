import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { isAppError } from '../../src/core/errors';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (isAppError(err, 'CONFIG_INVALID')) return err.message;
    throw err;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('portfolio and digest settings', () => {
  it('defaults to 500 Partner Center calls a minute, 8 at once, 7 days of cache and 08:00 UTC on weekdays', () => {
    const config = loadConfig({});
    expect(config.partnerCenter.rateLimitPerMinute).toBe(500);
    expect(config.portfolio).toEqual({
      concurrency: 8,
      acceptedCacheDays: 7,
      digest: { hour: 8, minute: 0, days: [1, 2, 3, 4, 5] },
    });
  });

  it('reads every setting', () => {
    const config = loadConfig({
      PARTNER_CENTER_RATE_LIMIT_PER_MINUTE: '300',
      PORTFOLIO_CONCURRENCY: '4',
      STATUS_CACHE_ACCEPTED_DAYS: '0',
      DIGEST_TIME: '7:45',
      DIGEST_DAYS: 'Sun, monday,SAT',
    });
    expect(config.partnerCenter.rateLimitPerMinute).toBe(300);
    expect(config.portfolio).toEqual({
      concurrency: 4,
      acceptedCacheDays: 0,
      digest: { hour: 7, minute: 45, days: [0, 1, 6] },
    });
  });

  it('names each malformed setting and how to write it', () => {
    const message = problems({
      PARTNER_CENTER_RATE_LIMIT_PER_MINUTE: '0',
      PORTFOLIO_CONCURRENCY: 'lots',
      STATUS_CACHE_ACCEPTED_DAYS: '-1',
      DIGEST_TIME: '25:00',
      DIGEST_DAYS: 'mon,funday',
    });
    expect(message).toContain('PARTNER_CENTER_RATE_LIMIT_PER_MINUTE: must be a whole number from 1');
    expect(message).toContain('PORTFOLIO_CONCURRENCY: must be a whole number from 1 to 64, got "lots"');
    expect(message).toContain('STATUS_CACHE_ACCEPTED_DAYS: must be a whole number from 0 to 90');
    expect(message).toContain('DIGEST_TIME: must be a UTC time as HH:MM (24-hour), e.g. 08:00, got "25:00"');
    expect(message).toContain('DIGEST_DAYS: must be weekdays separated by commas');
  });
});
