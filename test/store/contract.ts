import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import type { AuditEntry, Job, Store, StoredConversation } from '../../src/store/types.js';
import type { MutableClock } from './mutable-clock.js';

export interface ContractSubject {
  /** A store over empty storage. */
  store: Store;
  /** The clock the store was opened with; tests move it. */
  clock: MutableClock;
  /** Opens the same storage again, as after a restart. The suite closes `store` first. */
  reopen?: () => Promise<Store>;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const PARTNER = 'partner-tenant-0001';
const CONTOSO = 'customer-tenant-contoso';
const FABRIKAM = 'customer-tenant-fabrikam';

/**
 * The behaviour every store backend shares. A backend's test file calls this with a factory that
 * opens a store over fresh, empty storage.
 *
 * @example
 * storeContract('sqlite', async () => {
 *   const clock = new MutableClock();
 *   return { store: openSqliteStore({ file: ':memory:', clock }), clock };
 * });
 */
export function storeContract(
  name: string,
  open: () => Promise<ContractSubject>,
  options: { durable: boolean } = { durable: true },
): void {
  describe(`${name} store contract`, () => {
    let subject: ContractSubject;
    let store: Store;
    let clock: MutableClock;
    const toClose: Store[] = [];

    beforeEach(async () => {
      subject = await open();
      ({ store, clock } = subject);
      toClose.push(store);
    });
    afterEach(async () => {
      for (const s of toClose.splice(0)) await s.close();
    });

    const conversation = (over: Partial<StoredConversation> = {}): StoredConversation => ({
      tenantId: PARTNER,
      conversationId: 'a:1x2y3z',
      kind: 'partner',
      conversationType: 'personal',
      locale: 'de-DE',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      reference: { bot: { id: '28:bot' }, conversation: { id: 'a:1x2y3z', tenantId: PARTNER } },
      userAadObjectId: 'user-object-1',
      updatedAt: '2025-03-03T09:00:00.000Z',
      ...over,
    });
    const auditEntry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
      at: clock.now().toISOString(),
      actorAadObjectId: 'user-object-1',
      actorTenantId: PARTNER,
      action: 'status.checked',
      customerTenantId: CONTOSO,
      ...over,
    });
    const ids = (jobs: Job[]) => jobs.map((j) => j.id);

    it('answers a ping', async () => {
      expect(await store.ping()).toBe(true);
    });

    describe('conversations', () => {
      it('saves a conversation and reads it back by tenant and conversation id', async () => {
        await store.conversations.save(conversation());
        expect(await store.conversations.get(PARTNER, 'a:1x2y3z')).toEqual(conversation());
        expect(await store.conversations.get(PARTNER, 'a:other')).toBeUndefined();
        expect(await store.conversations.get(CONTOSO, 'a:1x2y3z')).toBeUndefined();
      });

      it('leaves out the user id of a conversation saved without one', async () => {
        const channel = conversation({ conversationType: 'channel', userAadObjectId: undefined });
        delete channel.userAadObjectId;
        await store.conversations.save(channel);
        expect(await store.conversations.get(PARTNER, 'a:1x2y3z')).toStrictEqual(channel);
      });

      it('replaces a conversation saved again under the same key', async () => {
        await store.conversations.save(conversation());
        await store.conversations.save(
          conversation({ locale: 'fr-FR', updatedAt: '2025-03-04T10:00:00.000Z' }),
        );
        const all = await store.conversations.listByTenant(PARTNER);
        expect(all).toEqual([conversation({ locale: 'fr-FR', updatedAt: '2025-03-04T10:00:00.000Z' })]);
      });

      it('lists only the conversations of the given tenant', async () => {
        await store.conversations.save(conversation({ conversationId: 'a:1' }));
        await store.conversations.save(conversation({ conversationId: 'a:2' }));
        await store.conversations.save(
          conversation({ tenantId: CONTOSO, kind: 'customer', conversationId: 'a:3' }),
        );
        const partner = await store.conversations.listByTenant(PARTNER);
        expect(partner.map((c) => c.conversationId).sort()).toEqual(['a:1', 'a:2']);
        expect(await store.conversations.listByTenant(CONTOSO)).toEqual([
          conversation({ tenantId: CONTOSO, kind: 'customer', conversationId: 'a:3' }),
        ]);
        expect(await store.conversations.listByTenant('nobody')).toEqual([]);
      });

      it('removes a conversation and says whether there was one to remove', async () => {
        await store.conversations.save(conversation());
        expect(await store.conversations.remove(PARTNER, 'a:1x2y3z')).toBe(true);
        expect(await store.conversations.remove(PARTNER, 'a:1x2y3z')).toBe(false);
        expect(await store.conversations.get(PARTNER, 'a:1x2y3z')).toBeUndefined();
      });
    });

    describe('audit log', () => {
      it('appends entries with increasing ids and lists them newest first', async () => {
        const first = await store.audit.append(auditEntry({ action: 'status.checked' }));
        const second = await store.audit.append(
          auditEntry({ action: 'status.refreshed', details: { state: 'notAccepted', fresh: true, ms: 12 } }),
        );
        expect(second).toBeGreaterThan(first);
        expect(await store.audit.list({ limit: 10 })).toEqual([
          {
            ...auditEntry({ action: 'status.refreshed' }),
            id: second,
            details: { state: 'notAccepted', fresh: true, ms: 12 },
          },
          { ...auditEntry({ action: 'status.checked' }), id: first },
        ]);
      });

      it('leaves out the customer and details of an entry appended without them', async () => {
        const entry = auditEntry({ action: 'access.refused' });
        delete entry.customerTenantId;
        const id = await store.audit.append(entry);
        expect(await store.audit.list({ limit: 1 })).toStrictEqual([{ ...entry, id }]);
      });

      it('pages newest first with beforeId until the log is exhausted', async () => {
        const appended: number[] = [];
        for (let i = 0; i < 5; i++)
          appended.push(await store.audit.append(auditEntry({ action: `step.${i}` })));
        const pages: string[][] = [];
        let beforeId: number | undefined;
        for (;;) {
          const page = await store.audit.list({ limit: 2, beforeId });
          if (page.length === 0) break;
          pages.push(page.map((e) => e.action));
          beforeId = page.at(-1)?.id;
        }
        expect(pages).toEqual([['step.4', 'step.3'], ['step.2', 'step.1'], ['step.0']]);
      });

      it('filters by customer tenant and by actor tenant, alone and together', async () => {
        await store.audit.append(auditEntry({ action: 'a', customerTenantId: CONTOSO }));
        await store.audit.append(auditEntry({ action: 'b', customerTenantId: FABRIKAM }));
        await store.audit.append(
          auditEntry({ action: 'c', customerTenantId: CONTOSO, actorTenantId: CONTOSO }),
        );
        await store.audit.append(auditEntry({ action: 'd', customerTenantId: CONTOSO }));
        const actions = async (query: Parameters<Store['audit']['list']>[0]) =>
          (await store.audit.list(query)).map((e) => e.action);
        expect(await actions({ limit: 10, customerTenantId: CONTOSO })).toEqual(['d', 'c', 'a']);
        expect(await actions({ limit: 10, actorTenantId: CONTOSO })).toEqual(['c']);
        expect(await actions({ limit: 10, customerTenantId: CONTOSO, actorTenantId: PARTNER })).toEqual([
          'd',
          'a',
        ]);
        expect(await actions({ limit: 1, customerTenantId: CONTOSO })).toEqual(['d']);
        const [newest] = await store.audit.list({ limit: 1, customerTenantId: CONTOSO });
        expect(await actions({ limit: 10, customerTenantId: CONTOSO, beforeId: newest?.id })).toEqual([
          'c',
          'a',
        ]);
      });
    });

    describe('cache', () => {
      it('returns a cached value until it expires, then reads it as missing', async () => {
        const value = {
          state: 'accepted',
          seenAt: '2025-03-03T09:00:00.000Z',
          agreements: [{ type: 'MCA' }],
        };
        await store.cache.put('status', CONTOSO, value, clock.in(10 * MINUTE));
        expect(await store.cache.get('status', CONTOSO)).toEqual(value);
        clock.advance(10 * MINUTE - 1);
        expect(await store.cache.get('status', CONTOSO)).toEqual(value);
        clock.advance(1);
        expect(await store.cache.get('status', CONTOSO)).toBeUndefined();
      });

      it('overwrites a value and its expiry, keeps namespaces apart, and deletes', async () => {
        await store.cache.put('status', CONTOSO, 'old', clock.in(MINUTE));
        await store.cache.put('status', CONTOSO, 'new', clock.in(60 * MINUTE));
        await store.cache.put('roles', CONTOSO, ['AdminAgents'], clock.in(60 * MINUTE));
        clock.advance(2 * MINUTE);
        expect(await store.cache.get('status', CONTOSO)).toBe('new');
        expect(await store.cache.get('roles', CONTOSO)).toEqual(['AdminAgents']);
        await store.cache.delete('status', CONTOSO);
        await store.cache.delete('status', 'never-there');
        expect(await store.cache.get('status', CONTOSO)).toBeUndefined();
        expect(await store.cache.get('roles', CONTOSO)).toEqual(['AdminAgents']);
      });

      it('can store a value again after it expired', async () => {
        await store.cache.put('status', CONTOSO, 1, clock.in(SECOND));
        clock.advance(2 * MINUTE);
        await store.cache.put('status', FABRIKAM, 2, clock.in(MINUTE));
        await store.cache.put('status', CONTOSO, 3, clock.in(MINUTE));
        expect(await store.cache.get('status', CONTOSO)).toBe(3);
        expect(await store.cache.get('status', FABRIKAM)).toBe(2);
      });
    });

    describe('jobs', () => {
      const enqueue = (over: Partial<Parameters<Store['jobs']['enqueue']>[0]> = {}) =>
        store.jobs.enqueue({
          type: 'send.notice',
          payload: { noticeId: 'n-1' },
          runAt: clock.now(),
          ...over,
        });

      it('enqueues a job and reads it back by id and by idempotency key', async () => {
        const { id, created } = await enqueue({ idempotencyKey: 'notice:n-1', maxAttempts: 3 });
        expect(created).toBe(true);
        const job = await store.jobs.get(id);
        expect(job).toEqual({
          id,
          type: 'send.notice',
          payload: { noticeId: 'n-1' },
          status: 'pending',
          runAt: clock.now(),
          attempts: 0,
          maxAttempts: 3,
          idempotencyKey: 'notice:n-1',
          createdAt: clock.now(),
          updatedAt: clock.now(),
        });
        expect(await store.jobs.getByKey('notice:n-1')).toEqual(job);
        expect(await store.jobs.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
        expect(await store.jobs.getByKey('notice:unknown')).toBeUndefined();
      });

      it('returns the existing job when the same idempotency key is enqueued again', async () => {
        const first = await enqueue({ idempotencyKey: 'notice:n-1', payload: { noticeId: 'n-1', try: 1 } });
        const again = await enqueue({ idempotencyKey: 'notice:n-1', payload: { noticeId: 'n-1', try: 2 } });
        expect(again).toEqual({ id: first.id, created: false });
        expect((await store.jobs.get(first.id))?.payload).toEqual({ noticeId: 'n-1', try: 1 });
        const other = await enqueue({ idempotencyKey: 'notice:n-2' });
        const plain = await enqueue();
        expect(new Set([first.id, other.id, plain.id]).size).toBe(3);
        expect((await store.jobs.counts()).pending).toBe(3);
      });

      it('keeps an idempotency key taken once its job is done', async () => {
        const { id } = await enqueue({ idempotencyKey: 'reminder:n-1:1' });
        await store.jobs.lease(clock.now(), 30 * SECOND, 10);
        await store.jobs.complete(id);
        expect(await enqueue({ idempotencyKey: 'reminder:n-1:1' })).toEqual({ id, created: false });
      });

      it('leases only due jobs, earliest first, up to the limit', async () => {
        const later = await enqueue({ runAt: clock.in(-1 * MINUTE) });
        const earlier = await enqueue({ runAt: clock.in(-2 * MINUTE) });
        const now = await enqueue({ runAt: clock.now() });
        await enqueue({ runAt: clock.in(60 * MINUTE) });
        const leased = await store.jobs.lease(clock.now(), 30 * SECOND, 2);
        expect(ids(leased)).toEqual([earlier.id, later.id]);
        expect(leased[0]).toMatchObject({
          status: 'pending',
          attempts: 1,
          leaseUntil: clock.in(30 * SECOND),
        });
        expect(ids(await store.jobs.lease(clock.now(), 30 * SECOND, 10))).toEqual([now.id]);
        expect(await store.jobs.lease(clock.now(), 30 * SECOND, 10)).toEqual([]);
      });

      it('never hands the same job to two leases', async () => {
        const all: string[] = [];
        for (let i = 0; i < 10; i++) all.push((await enqueue({ payload: { i } })).id);
        const batches = await Promise.all([1, 2, 3, 4].map(() => store.jobs.lease(clock.now(), MINUTE, 3)));
        const leased = batches.flatMap(ids);
        expect(leased.length).toBe(10);
        expect([...new Set(leased)].sort()).toEqual([...all].sort());
        expect(await store.jobs.lease(clock.now(), MINUTE, 10)).toEqual([]);
      });

      it('leases a job again once its lease has expired, counting the attempt', async () => {
        const { id } = await enqueue();
        expect(ids(await store.jobs.lease(clock.now(), 30 * SECOND, 1))).toEqual([id]);
        clock.advance(30 * SECOND - 1);
        expect(await store.jobs.lease(clock.now(), 30 * SECOND, 1)).toEqual([]);
        clock.advance(1);
        const [again] = await store.jobs.lease(clock.now(), 30 * SECOND, 1);
        expect(again).toMatchObject({ id, attempts: 2, leaseUntil: clock.in(30 * SECOND) });
      });

      it('leases only the requested types', async () => {
        const notice = await enqueue({ type: 'send.notice' });
        const poll = await enqueue({ type: 'poll.acceptance' });
        expect(ids(await store.jobs.lease(clock.now(), MINUTE, 10, ['poll.acceptance', 'other']))).toEqual([
          poll.id,
        ]);
        expect(await store.jobs.lease(clock.now(), MINUTE, 10, [])).toEqual([]);
        expect(ids(await store.jobs.lease(clock.now(), MINUTE, 10))).toEqual([notice.id]);
      });

      it('retries a failed job at the given time and buries it after maxAttempts', async () => {
        const { id } = await enqueue({ maxAttempts: 2 });
        await store.jobs.lease(clock.now(), MINUTE, 1);
        const retried = await store.jobs.fail(id, 'Teams answered 502', clock.in(5 * MINUTE));
        expect(retried).toMatchObject({ status: 'pending', attempts: 1, runAt: clock.in(5 * MINUTE) });
        expect(retried?.lastError).toBe('Teams answered 502');
        expect(retried?.leaseUntil).toBeUndefined();
        expect(await store.jobs.lease(clock.now(), MINUTE, 1)).toEqual([]);

        clock.advance(5 * MINUTE);
        expect(await store.jobs.lease(clock.now(), MINUTE, 1)).toMatchObject([{ id, attempts: 2 }]);
        const dead = await store.jobs.fail(id, 'Teams answered 502 again', clock.in(5 * MINUTE));
        expect(dead).toMatchObject({ status: 'dead', attempts: 2, lastError: 'Teams answered 502 again' });
        clock.advance(10 * MINUTE);
        expect(await store.jobs.lease(clock.now(), MINUTE, 1)).toEqual([]);
        expect(await store.jobs.counts()).toEqual({ pending: 0, done: 0, dead: 1, cancelled: 0 });
      });

      it('retries a failed job at once when no retry time is given', async () => {
        const { id } = await enqueue({ runAt: clock.in(-MINUTE) });
        await store.jobs.lease(clock.now(), MINUTE, 1);
        clock.advance(SECOND);
        expect(await store.jobs.fail(id, 'timeout')).toMatchObject({ status: 'pending', runAt: clock.now() });
        expect(ids(await store.jobs.lease(clock.now(), MINUTE, 1))).toEqual([id]);
      });

      it('buries a job whose lease expired on its last attempt', async () => {
        const { id } = await enqueue({ maxAttempts: 1 });
        await store.jobs.lease(clock.now(), MINUTE, 1);
        clock.advance(2 * MINUTE);
        expect(await store.jobs.lease(clock.now(), MINUTE, 10)).toEqual([]);
        const job = await store.jobs.get(id);
        expect(job).toMatchObject({ status: 'dead', attempts: 1 });
        expect(job?.lastError).toMatch(/lease expired/i);
      });

      it('reschedules a poll as a fresh start with a new payload, and never a finished job', async () => {
        const { id } = await enqueue({ maxAttempts: 2, payload: { step: 0 } });
        for (let step = 1; step <= 3; step++) {
          expect(await store.jobs.lease(clock.now(), MINUTE, 1)).toMatchObject([{ id, attempts: 1 }]);
          expect(await store.jobs.reschedule(id, clock.in(MINUTE), { step })).toBe(true);
          expect(await store.jobs.lease(clock.now(), MINUTE, 1)).toEqual([]);
          clock.advance(MINUTE);
        }
        expect(await store.jobs.get(id)).toMatchObject({
          status: 'pending',
          attempts: 0,
          payload: { step: 3 },
        });
        const [job] = await store.jobs.lease(clock.now(), MINUTE, 1);
        expect(job?.payload).toEqual({ step: 3 });
        await store.jobs.complete(id);
        expect(await store.jobs.reschedule(id, clock.in(MINUTE))).toBe(false);
      });

      it('completes a leased job once, and a finished job cannot fail or be cancelled', async () => {
        const { id } = await enqueue();
        await store.jobs.lease(clock.now(), MINUTE, 1);
        expect(await store.jobs.complete(id)).toBe(true);
        expect(await store.jobs.complete(id)).toBe(false);
        expect(await store.jobs.cancel(id)).toBe(false);
        expect(await store.jobs.fail(id, 'late failure')).toMatchObject({ status: 'done' });
        clock.advance(10 * MINUTE);
        expect(await store.jobs.lease(clock.now(), MINUTE, 10)).toEqual([]);
        expect(await store.jobs.get(id)).toMatchObject({ status: 'done', attempts: 1 });
        expect(await store.jobs.fail('00000000-0000-4000-8000-000000000000', 'x')).toBeUndefined();
      });

      it('cancels pending jobs by id and by key, and never leases them', async () => {
        const byId = await enqueue();
        const byKey = await enqueue({ idempotencyKey: 'reminder:n-1:2', runAt: clock.in(MINUTE) });
        const running = await enqueue();
        expect(await store.jobs.cancel(byId.id)).toBe(true);
        expect(await store.jobs.cancel(byId.id)).toBe(false);
        expect(await store.jobs.cancelByKey('reminder:n-1:2')).toBe(true);
        expect(await store.jobs.cancelByKey('reminder:unknown')).toBe(false);
        clock.advance(2 * MINUTE);
        expect(ids(await store.jobs.lease(clock.now(), MINUTE, 10))).toEqual([running.id]);
        expect(await store.jobs.cancel(running.id)).toBe(true);
        expect(await store.jobs.complete(running.id)).toBe(false);
        expect(await store.jobs.getByKey('reminder:n-1:2')).toMatchObject({
          id: byKey.id,
          status: 'cancelled',
        });
        expect(await store.jobs.counts()).toEqual({ pending: 0, done: 0, dead: 0, cancelled: 3 });
      });

      it('lists jobs newest first, filtered by status and type', async () => {
        const a = await enqueue({ type: 'send.notice' });
        clock.advance(SECOND);
        const b = await enqueue({ type: 'poll.acceptance' });
        clock.advance(SECOND);
        const c = await enqueue({ type: 'send.notice' });
        await store.jobs.cancel(c.id);
        expect(ids(await store.jobs.list({ limit: 10 }))).toEqual([c.id, b.id, a.id]);
        expect(ids(await store.jobs.list({ limit: 2 }))).toEqual([c.id, b.id]);
        expect(ids(await store.jobs.list({ limit: 10, type: 'send.notice' }))).toEqual([c.id, a.id]);
        expect(ids(await store.jobs.list({ limit: 10, status: 'pending' }))).toEqual([b.id, a.id]);
        expect(ids(await store.jobs.list({ limit: 10, status: 'pending', type: 'send.notice' }))).toEqual([
          a.id,
        ]);
        expect(await store.jobs.counts()).toEqual({ pending: 2, done: 0, dead: 0, cancelled: 1 });
      });

      it('counts the pending jobs (due, leased, retrying, months ahead) and no finished one', async () => {
        expect(await store.jobs.pendingCount()).toBe(0);
        const done = await enqueue();
        const leased = await enqueue();
        const retrying = await enqueue({ maxAttempts: 3 });
        const dead = await enqueue({ maxAttempts: 1 });
        const cancelled = await enqueue({ idempotencyKey: 'reminder:n-9:1' });
        await enqueue({ runAt: clock.in(120 * 24 * 60 * MINUTE) });
        expect(await store.jobs.pendingCount()).toBe(6);
        expect(ids(await store.jobs.lease(clock.now(), MINUTE, 10)).sort()).toEqual(
          [done.id, leased.id, retrying.id, dead.id, cancelled.id].sort(),
        );
        await store.jobs.complete(done.id);
        await store.jobs.fail(retrying.id, 'busy', clock.in(MINUTE));
        expect(await store.jobs.fail(dead.id, 'gone')).toMatchObject({ status: 'dead' });
        expect(await store.jobs.cancelByKey('reminder:n-9:1')).toBe(true);
        expect(await store.jobs.pendingCount()).toBe(3);
        expect((await store.jobs.counts()).pending).toBe(3);
      });

      it('refuses a job without a type or with fewer than one attempt', async () => {
        await expect(enqueue({ type: '' })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
        await expect(enqueue({ maxAttempts: 0 })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
      });
    });

    describe('records', () => {
      const request = { state: 'sent', signatory: { email: 'x' }, attestationId: 'att-1' };

      it('creates a record only when it does not exist yet if no etag is given', async () => {
        const etag = await store.records.put('acceptance', 'r-1', request);
        expect(await store.records.get('acceptance', 'r-1')).toMatchObject({
          id: 'r-1',
          value: request,
          etag,
        });
        const refused = store.records.put('acceptance', 'r-1', { ...request, state: 'other' });
        await expect(refused).rejects.toBeInstanceOf(AppError);
        await expect(refused).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
        expect((await store.records.get('acceptance', 'r-1'))?.value).toEqual(request);
        expect(await store.records.get('acceptance', 'r-2')).toBeUndefined();
        expect(await store.records.get('notice', 'r-1')).toBeUndefined();
      });

      it('updates with the etag read and refuses a stale one', async () => {
        const first = await store.records.put('acceptance', 'r-1', request);
        const second = await store.records.put('acceptance', 'r-1', { ...request, state: 'accepted' }, first);
        expect(second).not.toBe(first);
        await expect(
          store.records.put('acceptance', 'r-1', { ...request, state: 'expired' }, first),
        ).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
        expect(await store.records.get('acceptance', 'r-1')).toMatchObject({
          value: { state: 'accepted' },
          etag: second,
        });
      });

      it('refuses an update with an etag when the record is gone', async () => {
        const etag = await store.records.put('acceptance', 'r-1', request);
        await store.records.delete('acceptance', 'r-1');
        await expect(store.records.put('acceptance', 'r-1', request, etag)).rejects.toMatchObject({
          code: 'STORE_CONFLICT',
        });
        expect(await store.records.get('acceptance', 'r-1')).toBeUndefined();
      });

      it("overwrites or creates regardless of version with '*'", async () => {
        const created = await store.records.put('acceptance', 'r-1', request, '*');
        const overwritten = await store.records.put('acceptance', 'r-1', { state: 'cancelled' }, '*');
        expect(overwritten).not.toBe(created);
        expect(await store.records.get('acceptance', 'r-1')).toMatchObject({ value: { state: 'cancelled' } });
      });

      it('finds records by their secondary index, and a put without one clears it', async () => {
        await store.records.put('notice', 'n-2', { offer: 'b' }, undefined, { index1: CONTOSO });
        await store.records.put('notice', 'n-1', { offer: 'a' }, undefined, { index1: CONTOSO });
        const etag3 = await store.records.put('notice', 'n-3', { offer: 'c' }, undefined, {
          index1: FABRIKAM,
        });
        await store.records.put('acceptance', 'r-1', request, undefined, { index1: CONTOSO });
        const found = await store.records.findByIndex<{ offer: string }>('notice', CONTOSO);
        expect(found.map((r) => [r.id, r.value.offer, r.index1])).toEqual([
          ['n-1', 'a', CONTOSO],
          ['n-2', 'b', CONTOSO],
        ]);
        expect(await store.records.findByIndex('notice', CONTOSO, 1)).toHaveLength(1);
        await store.records.put('notice', 'n-3', { offer: 'c' }, etag3);
        expect(await store.records.findByIndex('notice', FABRIKAM)).toEqual([]);
        expect((await store.records.get('notice', 'n-3'))?.index1).toBeUndefined();
      });

      it('lists the records of a kind by id, page by page', async () => {
        for (const id of ['c', 'a', 'e', 'b', 'd']) await store.records.put('notice', id, { id });
        await store.records.put('acceptance', 'x', request);
        const seen: string[][] = [];
        let after: string | undefined;
        do {
          const page = await store.records.list<{ id: string }>('notice', { limit: 2, after });
          seen.push(page.items.map((r) => r.value.id));
          after = page.next;
        } while (after !== undefined);
        expect(seen).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
        expect(await store.records.list('notice', { limit: 5 })).not.toHaveProperty('next');
        expect(await store.records.list('empty', { limit: 5 })).toEqual({ items: [] });
      });

      it('deletes a record, refusing a stale etag', async () => {
        const first = await store.records.put('acceptance', 'r-1', request);
        const second = await store.records.put('acceptance', 'r-1', request, first);
        await expect(store.records.delete('acceptance', 'r-1', first)).rejects.toMatchObject({
          code: 'STORE_CONFLICT',
        });
        expect(await store.records.delete('acceptance', 'r-1', second)).toBe(true);
        expect(await store.records.delete('acceptance', 'r-1')).toBe(false);
        await store.records.put('acceptance', 'r-2', request);
        expect(await store.records.delete('acceptance', 'r-2')).toBe(true);
        expect(await store.records.get('acceptance', 'r-2')).toBeUndefined();
      });
    });

    // Only storage that outlives its process can be reopened (not SQLite's :memory:).
    if (options.durable) {
      it('keeps everything after the store is closed and opened again', async () => {
        if (!subject.reopen) throw new Error('a durable backend must provide reopen()');
        await store.conversations.save(conversation());
        const auditId = await store.audit.append(auditEntry());
        await store.cache.put('status', CONTOSO, { state: 'accepted' }, clock.in(MINUTE));
        const { id: jobId } = await store.jobs.enqueue({
          type: 'send.notice',
          payload: { noticeId: 'n-1' },
          runAt: clock.now(),
          idempotencyKey: 'notice:n-1',
        });
        await store.jobs.lease(clock.now(), MINUTE, 1);
        const etag = await store.records.put('acceptance', 'r-1', { state: 'sent' }, undefined, {
          index1: CONTOSO,
        });
        toClose.splice(toClose.indexOf(store), 1);
        await store.close();

        const reopened = await subject.reopen();
        toClose.push(reopened);
        expect(await reopened.conversations.get(PARTNER, 'a:1x2y3z')).toEqual(conversation());
        expect(await reopened.audit.list({ limit: 10 })).toEqual([{ ...auditEntry(), id: auditId }]);
        expect(await reopened.cache.get('status', CONTOSO)).toEqual({ state: 'accepted' });
        expect(await reopened.jobs.lease(clock.now(), MINUTE, 1)).toEqual([]);
        expect(await reopened.jobs.getByKey('notice:n-1')).toMatchObject({ id: jobId, attempts: 1 });
        expect(
          await reopened.records.put('acceptance', 'r-1', { state: 'accepted' }, etag, { index1: CONTOSO }),
        ).toEqual(expect.any(String));
        expect(await reopened.records.findByIndex('acceptance', CONTOSO)).toMatchObject([
          { id: 'r-1', value: { state: 'accepted' } },
        ]);
      });
    }
  });
}
