import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';
import { customerIdOf, eventKey, gdapRelationshipIdOf, parseEvent } from '../../src/webhooks/event';
import { EVENT_MEMORY_MS, intakeEvent } from '../../src/webhooks/intake';
import { MutableClock } from '../store/mutable-clock.js';

const accepted = {
  EventName: 'reseller-relationship-accepted-by-customer',
  ResourceUri: 'https://api.partnercenter.microsoft.com/v1/customers/4b2a6e33-8791-4386-bd2b-0d55baf25039',
  ResourceName: 'Customer',
  AuditUri: null,
  ResourceChangeUtcDate: '2025-03-03T08:59:00.0159088+00:00',
};
const raw = (o: object, space?: number) => Buffer.from(JSON.stringify(o, null, space));

describe('Partner Center event parsing', () => {
  it('reads the documented event shape and the ids in its resource URI', () => {
    const event = parseEvent(raw(accepted))!;
    expect(event).toEqual({
      eventName: 'reseller-relationship-accepted-by-customer',
      resourceUri: accepted.ResourceUri,
      resourceName: 'Customer',
      resourceChangeUtcDate: accepted.ResourceChangeUtcDate,
    });
    expect(customerIdOf(event)).toBe('4b2a6e33-8791-4386-bd2b-0d55baf25039');
    const gdap = parseEvent(
      raw({
        EventName: 'granular-admin-relationship-activated',
        ResourceUri:
          'https://partner.microsoft.com/granularAdminRelationships/5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836',
        ResourceName: 'GranularAdminRelationship',
        ResourceChangeUtcDate: '2025-03-03T08:59:00Z',
      }),
    )!;
    expect(gdapRelationshipIdOf(gdap)).toBe(
      '5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836',
    );
    expect(customerIdOf(gdap)).toBeUndefined();
  });

  it('accepts a DAP event without a resource URI', () => {
    const dap = parseEvent(
      raw({
        EventName: 'dap-admin-relationship-approved',
        ResourceUri: null,
        ResourceName: 'PartnerCustomerDap',
        ResourceChangeUtcDate: '2025-03-03T08:00:00Z',
      }),
    );
    expect(dap?.resourceUri).toBeUndefined();
  });

  it.each([
    ['not JSON', Buffer.from('EventName=x')],
    ['an array', raw([accepted])],
    ['no event name', raw({ ...accepted, EventName: undefined })],
    ['an event name with spaces', raw({ ...accepted, EventName: 'drop table' })],
    ['no date', raw({ ...accepted, ResourceChangeUtcDate: undefined })],
    ['a date that is not one', raw({ ...accepted, ResourceChangeUtcDate: 'yesterday' })],
    ['a resource URI that is not text', raw({ ...accepted, ResourceUri: 42 })],
  ])('refuses %s', (_name, body) => {
    expect(parseEvent(body)).toBeUndefined();
  });

  it('gives every retry of one event the same key, however its JSON is laid out', () => {
    expect(eventKey(parseEvent(raw(accepted))!)).toBe(eventKey(parseEvent(raw(accepted, 2))!));
    const later = { ...accepted, ResourceChangeUtcDate: '2025-03-03T09:00:00Z' };
    expect(eventKey(parseEvent(raw(later))!)).not.toBe(eventKey(parseEvent(raw(accepted))!));
  });
});

describe('event deduplication', () => {
  let store: SqliteStore;
  const clock = new MutableClock('2025-03-03T09:00:00.000Z');
  afterEach(async () => {
    await store?.close();
  });

  it('queues an event once however often Partner Center retries it, also concurrently', async () => {
    store = openSqliteStore({ file: ':memory:', clock });
    const event = parseEvent(raw(accepted))!;
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => intakeEvent(store, clock, event)));
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(9);
    const jobs = await store.jobs.list({ type: 'partner-center-event', limit: 10 });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.payload).toEqual(event);
  });

  it('remembers a seen event with an expiry and refuses events older than that memory', async () => {
    store = openSqliteStore({ file: ':memory:', clock });
    const event = parseEvent(raw(accepted))!;
    expect(await intakeEvent(store, clock, event)).toBe('accepted');
    const key = eventKey(event);
    expect(await store.cache.get('webhook.seen', key)).toBe(true);
    clock.advance(EVENT_MEMORY_MS + 60_000);
    expect(await store.cache.get('webhook.seen', key)).toBeUndefined();
    expect(await intakeEvent(store, clock, event)).toBe('stale');
    clock.set('2025-03-03T09:00:00.000Z');
  });

  it('refuses an event dated far in the future', async () => {
    store = openSqliteStore({ file: ':memory:', clock });
    const future = parseEvent(raw({ ...accepted, ResourceChangeUtcDate: '2025-03-04T09:00:00Z' }))!;
    expect(await intakeEvent(store, clock, future)).toBe('stale');
  });
});
