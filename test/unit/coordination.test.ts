import { describe, expect, it } from 'vitest';
import {
  appEvent,
  localHooks,
  localKeyedLock,
  localSingleFlight,
  localWorkRegistry,
} from '../../src/coordination';
import type { Services } from '../../src/core/context';

/** A promise the test settles by hand. */
function gate<T = void>() {
  let open!: (value: T) => void;
  let fail!: (err: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

describe('local coordination', () => {
  it('runs tasks of one key one after another, and tasks of other keys alongside', async () => {
    const lock = localKeyedLock();
    const order: string[] = [];
    const first = gate();
    const a1 = lock.withLock('a', async () => {
      order.push('a1 start');
      await first.promise;
      order.push('a1 end');
      return 1;
    });
    const a2 = lock.withLock('a', async () => {
      order.push('a2');
      return 2;
    });
    const b = lock.withLock('b', async () => {
      order.push('b');
      return 3;
    });
    await b;
    expect(order).toEqual(['a1 start', 'b']);
    first.open();
    expect(await Promise.all([a1, a2])).toEqual([1, 2]);
    expect(order).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
  });

  it('lets the next task of a key run after a failing one', async () => {
    const lock = localKeyedLock();
    const failing = lock.withLock('a', async () => {
      throw new Error('boom');
    });
    const next = lock.withLock('a', async () => 'ran');
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('ran');
  });

  it('shares one run among concurrent calls of a key and starts a new one afterwards', async () => {
    const flight = localSingleFlight();
    let runs = 0;
    const done = gate<string>();
    const task = async () => {
      runs++;
      return done.promise;
    };
    const calls = [flight.run('k', task), flight.run('k', task), flight.run('k', task)];
    done.open('checked');
    expect(await Promise.all(calls)).toEqual(['checked', 'checked', 'checked']);
    expect(runs).toBe(1);
    expect(await flight.run('k', async () => 'again')).toBe('again');
  });

  it('joins running work of a key, forgets it once settled, and stops all of it', async () => {
    const registry = localWorkRegistry();
    const started: string[] = [];
    const work = (name: string) => {
      const g = gate<string>();
      started.push(name);
      return { result: g.promise, stop: (reason: Error) => g.fail(reason), finish: g.open };
    };
    const first = await registry.join('tenant', () => work('one'));
    const second = await registry.join('tenant', () => work('two'));
    expect([first.joined, second.joined, second.work === first.work]).toEqual([false, true, true]);
    first.work.finish('done');
    expect(await first.work.result).toBe('done');
    const third = await registry.join('tenant', () => work('three'));
    expect(third.joined).toBe(false);
    expect(started).toEqual(['one', 'three']);
    await registry.stopAll(new Error('shutting down'));
    await expect(third.work.result).rejects.toThrow('shutting down');
  });

  it('runs every hook of an event, replaces a hook registered again, and logs a failing one', async () => {
    const hooks = localHooks();
    const changed = appEvent<{ id: string }>('thing.changed');
    const seen: string[] = [];
    const errors: unknown[] = [];
    const services = { log: { error: (o: unknown) => errors.push(o) } } as unknown as Services;
    hooks.on(changed, 'first', async (_s, p) => void seen.push(`old:${p.id}`));
    hooks.on(changed, 'first', async (_s, p) => void seen.push(`first:${p.id}`));
    hooks.on(changed, 'broken', async () => {
      throw new Error('hook broke');
    });
    hooks.on(changed, 'last', async (_s, p) => void seen.push(`last:${p.id}`));
    await hooks.emit(services, changed, { id: '42' });
    expect(seen).toEqual(['first:42', 'last:42']);
    expect(errors).toEqual([expect.objectContaining({ hook: 'broken', event: 'thing.changed' })]);
  });
});
