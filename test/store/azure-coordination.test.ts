import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableMembers } from '../../src/coordination/members';
import { sharedKeyedLock, sharedSingleFlight } from '../../src/coordination/shared';
import { tableLeases } from '../../src/coordination/table-leases';
import { silentLogger } from '../../src/core/logger';
import { openAzureStore } from '../../src/store/azure/index.js';
import { startAzurite, type Azurite } from '../support/azurite.js';
import { MutableClock } from './mutable-clock.js';
import { intakeEvent } from '../../src/webhooks/intake';

let azurite: Azurite;
let prefixes = 0;

beforeAll(async () => {
  azurite = await startAzurite();
}, 90_000);
afterAll(async () => {
  await azurite?.stop();
});

const openShared = () =>
  openAzureStore({
    target: { connectionString: azurite.connectionString },
    prefix: `c${process.pid}x${++prefixes}`,
  });

/** The leases of two instances over the same tables. */
async function twoInstances(clock?: MutableClock) {
  const store = await openShared();
  return [
    tableLeases(store.tables.leases, 'instance-a', clock),
    tableLeases(store.tables.leases, 'instance-b', clock),
  ];
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('coordination on Azure Table storage', () => {
  it('runs one task per key at a time across two instances, and other keys alongside', async () => {
    const [a, b] = await twoInstances();
    const locks = [sharedKeyedLock(a!, silentLogger()), sharedKeyedLock(b!, silentLogger())];
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      inside++;
      most = Math.max(most, inside);
      await pause(30);
      order.push(i);
      inside--;
      return i;
    };
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => locks[i % 2]!.withLock('customer-1', task(i))),
    );
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(1);
    expect(order.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    let otherRan = false;
    await locks[0]!.withLock('customer-1', async () => {
      await locks[1]!.withLock('customer-2', async () => {
        otherRan = true;
      });
    });
    expect(otherRan).toBe(true);
  });

  it('shares one run among callers on both instances and hands every caller its result', async () => {
    const [a, b] = await twoInstances();
    const flights = [sharedSingleFlight(a!, silentLogger()), sharedSingleFlight(b!, silentLogger())];
    let runs = 0;
    const check = async () => {
      runs++;
      await pause(300);
      return { state: 'accepted', checks: runs };
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => flights[i % 2]!.run('acceptance.check:r-1', check)),
    );
    expect(runs).toBe(1);
    expect(results).toEqual(Array(5).fill({ state: 'accepted', checks: 1 }));
    // A call after the run settled starts a new one.
    expect(await flights[1]!.run('acceptance.check:r-1', check)).toEqual({ state: 'accepted', checks: 2 });
  });

  it('lets a waiter run the task itself when the instance that held it failed', async () => {
    const [a, b] = await twoInstances();
    const flights = [sharedSingleFlight(a!, silentLogger()), sharedSingleFlight(b!, silentLogger())];
    const failing = flights[0]!.run('k', async () => {
      await pause(200);
      throw new Error('Partner Center answered 503');
    });
    await pause(50);
    const waiting = flights[1]!.run('k', async () => 'checked by b');
    await expect(failing).rejects.toThrow('503');
    expect(await waiting).toBe('checked by b');
  });

  it('takes over the lock of an instance that died holding it once the lease runs out', async () => {
    const clock = new MutableClock(new Date());
    const [dead, alive] = await twoInstances(clock);
    expect(await dead!.take('lock', 'customer-1', 30_000)).toBeDefined();
    expect(await alive!.take('lock', 'customer-1', 30_000)).toBeUndefined();
    clock.advance(30_001);
    const lock = sharedKeyedLock(alive!, silentLogger());
    expect(await lock.withLock('customer-1', async () => 'after the crash')).toBe('after the crash');
  });

  it('queues a webhook event delivered to both instances at once a single time', async () => {
    const prefix = `c${process.pid}x${++prefixes}`;
    const target = { connectionString: azurite.connectionString };
    const [a, b] = [await openAzureStore({ target, prefix }), await openAzureStore({ target, prefix })];
    const clock = new MutableClock(new Date());
    const event = {
      eventName: 'reseller-relationship-accepted-by-customer',
      resourceUri:
        'https://api.partnercenter.microsoft.com/v1/customers/5b9e2a47-1c3d-4e8f-9a0b-1c2d3e4f5a61',
      resourceChangeUtcDate: clock.now().toISOString(),
    };
    const outcomes = await Promise.all([a, b, a, b].map((store) => intakeEvent(store, clock, event)));
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(3);
    expect((await b.jobs.counts()).pending).toBe(1);
  });

  it('splits rate limits among the live instances, and gives them back when one leaves or dies', async () => {
    const clock = new MutableClock(new Date());
    const [a, b] = await twoInstances(clock);
    const first = tableMembers(a!, silentLogger());
    const second = tableMembers(b!, silentLogger());
    await first.refresh();
    expect(first.share()).toBe(1);
    clock.advance(1_000);
    await second.refresh();
    // The first still paces at all of the limit until it counts the second: the second waits.
    expect([first.share(), second.share()]).toEqual([1, 0]);
    clock.advance(1_000);
    await first.refresh();
    await second.refresh();
    expect([first.share(), second.share()]).toEqual([0.5, 0.5]);
    await second.stop();
    await first.refresh();
    expect(first.share()).toBe(1);
    // A crashed instance stops renewing: it drops out when its membership lease runs out.
    await second.refresh();
    await first.refresh();
    expect(first.count()).toBe(2);
    expect(await first.isLive(b!.owner)).toBe(true);
    clock.advance(15_001);
    await first.refresh();
    expect(first.share()).toBe(1);
    expect(await first.isLive(b!.owner)).toBe(false);
    expect(await first.isLive(a!.owner)).toBe(true);
    expect(await first.isLive('never-a-member')).toBe(false);
  });

  it('lets a joining instance wait at most one heartbeat for members that never count it', async () => {
    const clock = new MutableClock(new Date());
    const [a, b] = await twoInstances(clock);
    const crashed = tableMembers(a!, silentLogger());
    await crashed.refresh();
    clock.advance(1_000);
    const joining = tableMembers(b!, silentLogger());
    await joining.refresh();
    expect(joining.share()).toBe(0);
    // The other never renews (it crashed): after one heartbeat and a margin the newcomer takes its half.
    clock.advance(6_001);
    await joining.refresh();
    expect(joining.share()).toBe(0.5);
  });
});
