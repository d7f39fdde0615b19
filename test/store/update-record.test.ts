import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';
import { updateRecord } from '../../src/store/update-record.js';
import { MutableClock } from './mutable-clock.js';

interface Counter {
  n: number;
  owner: string;
}

describe('updateRecord', () => {
  let store: Store;
  afterEach(async () => store.close());
  const open = () => (store = openSqliteStore({ file: ':memory:', clock: new MutableClock() }));

  it('creates, changes and leaves a record as is, returning it before and after', async () => {
    const { records } = open();
    const bump = (c: Counter | undefined) => ({ n: (c?.n ?? 0) + 1, owner: 'contoso' });
    expect(await updateRecord(records, 'counter', 'c', bump, { index1: (c) => c.owner })).toEqual({
      before: undefined,
      after: { n: 1, owner: 'contoso' },
    });
    expect(await updateRecord(records, 'counter', 'c', bump)).toEqual({
      before: { n: 1, owner: 'contoso' },
      after: { n: 2, owner: 'contoso' },
    });
    expect(await updateRecord<Counter>(records, 'counter', 'c', () => undefined)).toEqual({
      before: { n: 2, owner: 'contoso' },
      after: { n: 2, owner: 'contoso' },
    });
    expect(await updateRecord<Counter>(records, 'counter', 'gone', (c) => c && bump(c))).toEqual({
      before: undefined,
      after: undefined,
    });
  });

  it('re-reads and re-applies the change when someone else wrote in between', async () => {
    const { records } = open();
    await records.put('counter', 'c', { n: 1, owner: 'contoso' }, undefined, { index1: 'contoso' });
    let calls = 0;
    const result = await updateRecord<Counter>(
      records,
      'counter',
      'c',
      (c) => {
        calls++;
        // The first time, another writer gets in after our read.
        if (calls === 1) void records.put('counter', 'c', { n: 10, owner: 'contoso' }, '*');
        return c && { ...c, n: c.n + 1 };
      },
      { index1: (c) => c.owner },
    );
    expect(calls).toBe(2);
    expect(result.after).toEqual({ n: 11, owner: 'contoso' });
    expect((await records.findByIndex<Counter>('counter', 'contoso')).map((r) => r.value.n)).toEqual([11]);
  });

  it('gives up with STORE_CONFLICT and the given message after five conflicts in a row', async () => {
    const { records } = open();
    await records.put('counter', 'c', { n: 1, owner: 'x' });
    let calls = 0;
    const failing = updateRecord<Counter>(
      records,
      'counter',
      'c',
      (c) => {
        calls++;
        void records.put('counter', 'c', { n: 100 + calls, owner: 'x' }, '*');
        return c && { ...c, n: 0 };
      },
      { conflictMessage: 'The counter kept changing.' },
    );
    await expect(failing).rejects.toMatchObject({
      code: 'STORE_CONFLICT',
      message: 'The counter kept changing.',
    });
    expect(calls).toBe(5);
  });
});
