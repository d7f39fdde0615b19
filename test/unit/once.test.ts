import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/core/errors';
import { silentLogger } from '../../src/core/logger';
import { createOnce } from '../../src/delivery/once';
import { openSqliteStore } from '../../src/store/sqlite';
import type { Store } from '../../src/store/types';
import { MutableClock } from '../store/mutable-clock';

const KEY = 'purchase:n1:hold#teams';

function setup(owner = 'process-a') {
  const store = openSqliteStore({ file: ':memory:' });
  const clock = new MutableClock();
  const make = (who: string) =>
    createOnce({ store, clock, log: silentLogger(), owner: who, auditTenantId: 'partner', staleMs: 60_000 });
  return { store, clock, once: make(owner), make };
}

describe('at-most-once sends with intent records', () => {
  it('sends once and answers a repeat with what the first send returned', async () => {
    const { once } = setup();
    let sends = 0;
    const send = async () => `activity-${++sends}`;
    expect(await once.run(KEY, 't1', send)).toBe('activity-1');
    expect(await once.run(KEY, 't1', send)).toBe('activity-1');
    expect(sends).toBe(1);
  });

  it('lets a key be tried again when the send failed, because nothing went out', async () => {
    const { once } = setup();
    await expect(
      once.run(KEY, 't1', async () => {
        throw new AppError('TEAMS_UNAVAILABLE', 'no', { retryable: true });
      }),
    ).rejects.toMatchObject({ code: 'TEAMS_UNAVAILABLE' });
    expect(await once.run(KEY, 't1', async () => 'activity-2')).toBe('activity-2');
  });

  it('never sends again what a killed process may have sent, and audits it as unsure', async () => {
    const { store, once, make } = setup('dead-process');
    // The process died after writing its intent and sending, before recording the outcome.
    let release!: () => void;
    void once.run(KEY, 't1', () => new Promise<string>((resolve) => (release = () => resolve('activity-1'))));
    await new Promise((r) => setTimeout(r, 10));
    expect(await store.records.get('delivery-intent', KEY)).toBeDefined();

    const restarted = make('new-process');
    expect(await restarted.reconcile(0)).toBe(1);
    let sends = 0;
    expect(await restarted.run(KEY, 't1', async () => `activity-${++sends}`)).toBe('unsure');
    expect(sends).toBe(0);
    const audit = await store.audit.list({ customerTenantId: 't1', limit: 5 });
    expect(audit[0]).toMatchObject({ action: 'delivery.unsure', details: { key: KEY } });
    release();
  });

  it('waits for a live sender elsewhere, and takes over only once its intent is stale', async () => {
    const { clock, store, make } = setup();
    await store.records.put(
      'delivery-intent',
      KEY,
      { owner: 'other-instance', at: clock.now().toISOString() },
      undefined,
      {
        index1: 't1',
      },
    );
    const mine = make('this-instance');
    await expect(mine.run(KEY, 't1', async () => 'x')).rejects.toMatchObject({
      code: 'DELIVERY_IN_PROGRESS',
      retryable: true,
    });
    expect(await mine.reconcile(60_000)).toBe(0);
    clock.advance(61_000);
    expect(await mine.run(KEY, 't1', async () => 'x')).toBe('unsure');
  });

  it('keeps an outcome the sender managed to record, even when its intent was left behind', async () => {
    const { store, make } = setup();
    await store.records.put('delivery', KEY, { state: 'sent', result: 'activity-7', at: 'x' }, '*');
    await store.records.put(
      'delivery-intent',
      KEY,
      { owner: 'dead', at: new Date(0).toISOString() },
      undefined,
    );
    const restarted = make('new');
    expect(await restarted.reconcile(0)).toBe(0);
    expect(await restarted.run(KEY, 't1', async () => 'again')).toBe('activity-7');
    expect(await store.records.get('delivery-intent', KEY)).toBeUndefined();
  });

  it('settles the intent of an instance that is gone (its membership ended) without waiting until it is stale', async () => {
    const { clock, store } = setup();
    const intent = (owner: string) => ({ owner, at: clock.now().toISOString() });
    await store.records.put('delivery-intent', KEY, intent('crashed-instance'), undefined, { index1: 't1' });
    await store.records.put('delivery-intent', `${KEY}2`, intent('live-instance'), undefined, {
      index1: 't1',
    });
    const asked: string[] = [];
    const mine = createOnce({
      store,
      clock,
      log: silentLogger(),
      owner: 'this-instance',
      auditTenantId: 'partner',
      staleMs: 60_000,
      isLive: async (owner) => {
        asked.push(owner);
        return owner === 'live-instance';
      },
    });
    let sends = 0;
    expect(await mine.run(KEY, 't1', async () => `activity-${++sends}`)).toBe('unsure');
    await expect(mine.run(`${KEY}2`, 't1', async () => `activity-${++sends}`)).rejects.toMatchObject({
      code: 'DELIVERY_IN_PROGRESS',
    });
    expect(sends).toBe(0);
    expect(asked).toEqual(['crashed-instance', 'live-instance']);
    // At start-up too: only the live instance's send is left alone.
    expect(await mine.reconcile(60_000)).toBe(0);
    expect(await store.records.get('delivery-intent', `${KEY}2`)).toBeDefined();
  });
  it('does not send again when another instance finishes the key between this one looking and starting', async () => {
    const { store, clock, make } = setup();
    let sends = 0;
    let finishX!: () => void;
    const x = make('instance-x').run(
      KEY,
      't1',
      () => new Promise<string>((resolve) => (finishX = () => resolve(`activity-${++sends}`))),
    );
    await vi.waitFor(async () => expect(await store.records.get('delivery-intent', KEY)).toBeDefined());

    // Instance Y's store holds up its first answer about the outcome until X has recorded its send
    // and given its intent up: the moment between "not sent yet" and taking the key.
    let holdOpen!: () => void;
    const held = new Promise<void>((resolve) => (holdOpen = resolve));
    let holding = false;
    const records = new Proxy(store.records, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (prop !== 'get' || typeof value !== 'function') return value;
        return async (kind: string, id: string) => {
          const found = await (value as Store['records']['get']).call(target, kind, id);
          if (kind === 'delivery' && !holding) {
            holding = true;
            await held;
          }
          return found;
        };
      },
    });
    const y = createOnce({
      store: { ...store, records },
      clock,
      log: silentLogger(),
      owner: 'instance-y',
      auditTenantId: 'partner',
      staleMs: 60_000,
    });
    let answered = false;
    const yAnswer = y
      .run(KEY, 't1', async () => `activity-${++sends}`)
      .then(
        (value) => ((answered = true), { value }),
        (error: unknown) => ((answered = true), { error }),
      );
    await vi.waitFor(() => expect(holding || answered).toBe(true));

    finishX();
    expect(await x).toBe('activity-1');
    holdOpen();
    const got = await yAnswer;
    expect(sends).toBe(1);
    // Y either waited for the live sender or answered with what it sent; it never sent itself.
    if ('error' in got) expect(got.error).toMatchObject({ code: 'DELIVERY_IN_PROGRESS' });
    else expect(got.value).toBe('activity-1');
    expect(await y.run(KEY, 't1', async () => `activity-${++sends}`)).toBe('activity-1');
    expect(sends).toBe(1);
  });

  it('runs one send of a key at a time within a process', async () => {
    const { once } = setup();
    let sends = 0;
    let finish!: () => void;
    const first = once.run(
      KEY,
      't1',
      () => new Promise<string>((resolve) => (finish = () => resolve(`activity-${++sends}`))),
    );
    await expect(once.run(KEY, 't1', async () => `activity-${++sends}`)).rejects.toMatchObject({
      code: 'DELIVERY_IN_PROGRESS',
    });
    finish();
    expect(await first).toBe('activity-1');
    expect(await once.run(KEY, 't1', async () => `activity-${++sends}`)).toBe('activity-1');
    expect(sends).toBe(1);
  });
});
