import { describe, expect, it } from 'vitest';
import { loadConfig, parseReminderSchedule } from '../../src/config';
import { AppError } from '../../src/core/errors';

const DAY = 86_400_000;

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof AppError) return err.message;
    throw err;
  }
  return '';
}

describe('purchase-notice settings', () => {
  it('reminds after 2 and 5 days, then weekly, 4 times at most, by default', () => {
    expect(loadConfig({}).purchases.reminderOffsetsMs).toEqual([2 * DAY, 5 * DAY, 12 * DAY, 19 * DAY]);
  });

  it('reads other schedules in minutes, hours, days or weeks, and `off`', () => {
    expect(parseReminderSchedule('30m, 12h')).toEqual([30 * 60_000, 12 * 3_600_000]);
    expect(parseReminderSchedule('1d,weekly')).toEqual([DAY, 8 * DAY, 15 * DAY, 22 * DAY]);
    expect(parseReminderSchedule('1w')).toEqual([7 * DAY]);
    expect(parseReminderSchedule('off')).toEqual([]);
  });

  it('refuses schedules that are out of order, unknown, or longer than 4', () => {
    expect(problems({ REMINDER_SCHEDULE: '5d,2d' })).toContain(
      'REMINDER_SCHEDULE: times must be after the notice and ascending',
    );
    expect(problems({ REMINDER_SCHEDULE: 'soon' })).toContain('"soon" is not a time');
    expect(problems({ REMINDER_SCHEDULE: '1d,2d,3d,4d,5d' })).toContain('at most 4 reminders');
    expect(problems({ REMINDER_SCHEDULE: 'weekly' })).toContain('REMINDER_SCHEDULE');
  });

  it('has Teams and delivery defaults: 30 requests/s per tenant, 5 attempts, no dry run', () => {
    expect(loadConfig({}).delivery).toEqual({
      tenantRatePerSecond: 30,
      maxAttempts: 5,
      dryRun: false,
      workerConcurrency: 32,
      jobLeaseSeconds: 60,
    });
    expect(loadConfig({ NOTIFY_DRY_RUN: 'true', TEAMS_TENANT_RATE_PER_SECOND: '50' }).delivery).toMatchObject(
      {
        dryRun: true,
        tenantRatePerSecond: 50,
      },
    );
  });

  it('accepts several API keys and names weak ones without repeating them', () => {
    const good = 'k'.repeat(32);
    expect(loadConfig({ PURCHASE_API_KEYS: `${good}, ${'j'.repeat(40)}` }).purchases.apiKeys).toHaveLength(2);
    const message = problems({ PURCHASE_API_KEYS: `${good},short-key-1` });
    expect(message).toContain('PURCHASE_API_KEYS: 1 key(s) are shorter than 24 characters');
    expect(message).not.toContain('short-key-1');
  });

  it('needs a secret of 32+ characters with a release URL, and https in live mode', () => {
    expect(problems({ PURCHASE_RELEASE_URL: 'http://127.0.0.1:9000/release' })).toContain(
      'PURCHASE_RELEASE_SECRET',
    );
    const ok = loadConfig({
      PURCHASE_RELEASE_URL: 'http://127.0.0.1:9000/release',
      PURCHASE_RELEASE_SECRET: 's'.repeat(32),
    });
    expect(ok.purchases.releaseUrl).toBe('http://127.0.0.1:9000/release');
    expect(
      problems({
        PARTNER_CENTER_MODE: 'live',
        PURCHASE_RELEASE_URL: 'http://erp.example.com/release',
        PURCHASE_RELEASE_SECRET: 's'.repeat(32),
      }),
    ).toContain('PURCHASE_RELEASE_URL: must be an https URL');
  });
});
