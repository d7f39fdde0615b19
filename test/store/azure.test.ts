import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAzureStore, type AzureStore } from '../../src/store/azure/index.js';
import { startAzurite, type Azurite } from '../support/azurite.js';
import { storeContract } from './contract.js';
import { MutableClock } from './mutable-clock.js';

let azurite: Azurite;
let tables = 0;
/** Each test gets its own tables (a fresh prefix) on the one emulator of this file. */
const freshPrefix = () => `t${process.pid}x${++tables}`;
const target = () => ({ connectionString: azurite.connectionString });

beforeAll(async () => {
  azurite = await startAzurite();
}, 90_000);
afterAll(async () => {
  await azurite?.stop();
});

storeContract('azure (Azurite)', async () => {
  const clock = new MutableClock();
  const prefix = freshPrefix();
  return {
    store: await openAzureStore({ target: target(), prefix, clock }),
    clock,
    reopen: () => openAzureStore({ target: target(), prefix, clock }),
  };
});

describe('azure store', () => {
  /** Two instances of the bot: two stores over the same tables. */
  const pair = async (clock = new MutableClock()): Promise<[AzureStore, AzureStore]> => {
    const prefix = freshPrefix();
    return [
      await openAzureStore({ target: target(), prefix, clock }),
      await openAzureStore({ target: target(), prefix, clock }),
    ];
  };

  it('round-trips keys Table storage refuses, non-ASCII text and values over 64 KiB', async () => {
    const [store] = await pair();
    const odd = 'a/b\\c#d?e%f|g\u0001h';
    // Azurite 3.35 garbles multi-byte characters in request bodies over about 64 KiB (it decodes
    // each network chunk alone), so the long part is ASCII; Azure itself has no such problem.
    const names = {
      de: 'Müller GmbH & Co. KG',
      ja: '株式会社テスト商事 🚀',
      long: 'Contoso Ltd. '.repeat(6000),
    };
    await store.conversations.save({
      tenantId: odd,
      conversationId: `19:${odd}@thread.tacv2`,
      kind: 'customer',
      conversationType: 'channel',
      locale: 'ja-JP',
      serviceUrl: 'https://smba.example/',
      reference: { names },
      updatedAt: '2025-03-03T09:00:00.000Z',
    });
    await store.cache.put(odd, odd, names, new Date('2100-01-01'));
    await store.records.put(odd, odd, names, undefined, { index1: odd });
    const job = await store.jobs.enqueue({
      type: 'send',
      payload: names,
      runAt: new Date(0),
      idempotencyKey: odd,
    });

    expect(await store.conversations.get(odd, `19:${odd}@thread.tacv2`)).toMatchObject({
      reference: { names },
    });
    expect((await store.conversations.listByTenant(odd))[0]?.tenantId).toBe(odd);
    expect(await store.cache.get(odd, odd)).toEqual(names);
    expect(await store.records.findByIndex(odd, odd)).toMatchObject([{ id: odd, value: names, index1: odd }]);
    expect(await store.records.list(odd, { limit: 5 })).toMatchObject({ items: [{ id: odd }] });
    expect(await store.jobs.getByKey(odd)).toMatchObject({ id: job.id, payload: names });
  });

  it('never leases one job to two instances racing on the same tables', async () => {
    const clock = new MutableClock();
    const [a, b] = await pair(clock);
    const all = new Set<string>();
    for (let i = 0; i < 30; i++)
      all.add((await a.jobs.enqueue({ type: 'send', payload: { i }, runAt: clock.now() })).id);
    const leased: string[] = [];
    for (let round = 0; round < 12; round++) {
      const batches = await Promise.all([
        a.jobs.lease(clock.now(), 60_000, 2),
        b.jobs.lease(clock.now(), 60_000, 3),
      ]);
      leased.push(...batches.flat().map((j) => j.id));
    }
    expect(leased).toHaveLength(30);
    expect(new Set(leased)).toEqual(all);
  });

  it('lets another instance take over a job whose lease ran out (a crashed worker)', async () => {
    const clock = new MutableClock();
    const [crashed, survivor] = await pair(clock);
    const { id } = await crashed.jobs.enqueue({
      type: 'send',
      payload: {},
      runAt: clock.now(),
      idempotencyKey: 'n-1',
    });
    expect((await crashed.jobs.lease(clock.now(), 60_000, 1)).map((j) => j.id)).toEqual([id]);
    expect(await survivor.jobs.lease(clock.now(), 60_000, 1)).toEqual([]);
    clock.advance(60_000);
    expect(await survivor.jobs.lease(clock.now(), 60_000, 1)).toMatchObject([{ id, attempts: 2 }]);
    expect(await survivor.jobs.complete(id)).toBe(true);
    expect(await crashed.jobs.complete(id)).toBe(false);
    expect(
      await crashed.jobs.enqueue({ type: 'send', payload: {}, runAt: clock.now(), idempotencyKey: 'n-1' }),
    ).toEqual({
      id,
      created: false,
    });
  });

  it('changes a job as it is now, not as this instance last wrote it, when another instance changed it since', async () => {
    const clock = new MutableClock();
    const [late, other] = await pair(clock);
    const { id } = await late.jobs.enqueue({ type: 'send', payload: {}, runAt: clock.now(), maxAttempts: 5 });
    expect(await late.jobs.lease(clock.now(), 30_000, 1)).toMatchObject([{ id, attempts: 1 }]);
    clock.advance(31_000);
    // The first worker overran its lease; the other instance takes the job over.
    expect(await other.jobs.lease(clock.now(), 30_000, 1)).toMatchObject([{ id, attempts: 2 }]);
    // The first worker's failure arrives late: it counts on the job as the other left it.
    expect(await late.jobs.fail(id, 'late failure', clock.in(60_000))).toMatchObject({
      status: 'pending',
      attempts: 2,
      lastError: 'late failure',
      runAt: clock.in(60_000),
    });
    expect(await late.jobs.lease(clock.now(), 30_000, 1)).toEqual([]);
    expect(await other.jobs.complete(id)).toBe(true);
    expect(await late.jobs.cancel(id)).toBe(false);
    expect(await late.jobs.reschedule(id, clock.now())).toBe(false);
    expect(await other.jobs.get(id)).toMatchObject({
      status: 'done',
      attempts: 2,
      lastError: 'late failure',
    });
    expect(await late.jobs.pendingCount()).toBe(0);
  });

  it('creates a record over a tombstone a crashed delete left behind', async () => {
    const [store] = await pair();
    await store.records.put('notice', 'n-1', { v: 1 }, undefined, { index1: 'c-1' });
    // A delete that stopped after its first step: the record is a tombstone, its index entity gone.
    await store.tables.records.updateEntity(
      { partitionKey: 'notice', rowKey: 'r|n-1', id: 'n-1', live: false },
      'Replace',
    );
    await store.tables.records.deleteEntity('notice', 'i|c-1|n-1');
    expect(await store.records.get('notice', 'n-1')).toBeUndefined();
    const etag = await store.records.put('notice', 'n-1', { v: 2 }, undefined, { index1: 'c-2' });
    expect(await store.records.get('notice', 'n-1')).toMatchObject({ value: { v: 2 }, etag, index1: 'c-2' });
    expect((await store.records.findByIndex('notice', 'c-2')).map((r) => r.id)).toEqual(['n-1']);
    expect(await store.records.findByIndex('notice', 'c-1')).toEqual([]);
    await expect(store.records.put('notice', 'n-1', { v: 3 })).rejects.toMatchObject({
      code: 'STORE_CONFLICT',
    });
  });

  it('keeps a job due months ahead and leases it then', async () => {
    const clock = new MutableClock();
    const [store] = await pair(clock);
    const { id } = await store.jobs.enqueue({
      type: 'remind',
      payload: {},
      runAt: clock.in(120 * 86_400_000),
    });
    clock.advance(119 * 86_400_000);
    expect(await store.jobs.lease(clock.now(), 60_000, 5)).toEqual([]);
    clock.advance(86_400_000);
    expect((await store.jobs.lease(clock.now(), 60_000, 5)).map((j) => j.id)).toEqual([id]);
  });

  it('gives every audit entry of two instances appending at once its own id, in order', async () => {
    const [a, b] = await pair();
    const entry = (i: number) => ({
      at: '2025-03-03T09:00:00.000Z',
      actorAadObjectId: 'u',
      actorTenantId: 'partner',
      action: `step.${i}`,
    });
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).audit.append(entry(i))),
    );
    expect(new Set(ids).size).toBe(20);
    expect([...ids].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const listed = await b.audit.list({ limit: 50 });
    expect(listed.map((e) => e.id)).toEqual([...ids].sort((x, y) => y - x));
  });

  it('refuses a stale etag written from another instance', async () => {
    const [a, b] = await pair();
    const etag = await a.records.put('notice', 'n-1', { v: 1 }, undefined, { index1: 'c-1' });
    await b.records.put('notice', 'n-1', { v: 2 }, etag, { index1: 'c-2' });
    await expect(a.records.put('notice', 'n-1', { v: 3 }, etag)).rejects.toMatchObject({
      code: 'STORE_CONFLICT',
    });
    expect(await a.records.findByIndex('notice', 'c-1')).toEqual([]);
    expect(await a.records.findByIndex('notice', 'c-2')).toMatchObject([{ id: 'n-1', value: { v: 2 } }]);
  });

  it('reports an unreachable account as unavailable, naming what to check', async () => {
    const dead =
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=' +
      'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
      'TableEndpoint=http://127.0.0.1:9/devstoreaccount1;';
    const opening = openAzureStore({ target: { connectionString: dead }, prefix: freshPrefix() });
    await expect(opening).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(opening).rejects.toThrow(/AZURE_STORAGE_CONNECTION_STRING/);
  }, 60_000);
});
