import { describe, expect, it } from 'vitest';
import { digestKey, nextDigestAt } from '../../src/features/portfolio/digest-schedule';

const WEEKDAYS = { hour: 8, minute: 0, days: [1, 2, 3, 4, 5] };
const next = (iso: string, schedule = WEEKDAYS) => nextDigestAt(new Date(iso), schedule).toISOString();

describe('digest schedule', () => {
  it('is due later the same weekday when the time has not come yet', () => {
    expect(next('2026-03-02T07:59:59Z')).toBe('2026-03-02T08:00:00.000Z');
  });

  it('is due the next weekday at and after the time', () => {
    expect(next('2026-03-02T08:00:00Z')).toBe('2026-03-03T08:00:00.000Z');
    expect(next('2026-03-02T12:00:00Z')).toBe('2026-03-03T08:00:00.000Z');
  });

  it('skips the weekend', () => {
    expect(next('2026-03-06T08:30:00Z')).toBe('2026-03-09T08:00:00.000Z');
    expect(next('2026-03-07T07:00:00Z')).toBe('2026-03-09T08:00:00.000Z');
  });

  it('follows a configured time and weekdays, across a month end', () => {
    expect(next('2026-03-31T20:00:00Z', { hour: 17, minute: 30, days: [3] })).toBe(
      '2026-04-01T17:30:00.000Z',
    );
    expect(next('2026-04-01T17:30:00Z', { hour: 17, minute: 30, days: [3] })).toBe(
      '2026-04-08T17:30:00.000Z',
    );
  });

  it('keys a job by conversation and due time, so the same digest cannot be queued twice', () => {
    const due = new Date('2026-03-02T08:00:00Z');
    expect(digestKey({ tenantId: 't', conversationId: '19:abc@thread.tacv2' }, due)).toBe(
      'digest:t/19:abc@thread.tacv2:2026-03-02T08:00:00.000Z',
    );
  });
});
