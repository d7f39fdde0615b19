import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';
import { migrate } from '../../src/store/sqlite/migrate.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { storeContract } from './contract.js';
import { MutableClock } from './mutable-clock.js';

const root = mkdtempSync(join(tmpdir(), 'mca-store-'));
let counter = 0;
const freshFile = () => join(root, `run-${process.pid}-${++counter}`, 'mca-assist.db');

afterAll(() => rmSync(root, { recursive: true, force: true }));

storeContract('sqlite (file)', async () => {
  const clock = new MutableClock();
  const file = freshFile();
  return {
    store: openSqliteStore({ file, clock }),
    clock,
    reopen: async () => openSqliteStore({ file, clock }),
  };
});

storeContract(
  'sqlite (:memory:)',
  async () => {
    const clock = new MutableClock();
    return { store: openSqliteStore({ file: ':memory:', clock }), clock };
  },
  { durable: false },
);

describe('sqlite store', () => {
  const opened: (SqliteStore | Database.Database)[] = [];
  const open = (file: string, clock = new MutableClock()) => {
    const store = openSqliteStore({ file, clock });
    opened.push(store);
    return store;
  };
  const raw = (file: string) => {
    const db = new Database(file);
    opened.push(db);
    return db;
  };
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.close();
  });

  it('creates the directory of the database file and journals in WAL mode', async () => {
    const file = join(root, 'does', 'not', 'exist', 'yet', 'mca-assist.db');
    const store = open(file);
    expect(store.file).toBe(file);
    expect(existsSync(file)).toBe(true);
    await store.cache.put('ns', 'k', 1, new Date('2100-01-01'));
    expect(raw(file).pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('applies each migration once and keeps data across a restart', async () => {
    const file = freshFile();
    const clock = new MutableClock('2025-03-03T09:00:00.000Z');
    const first = open(file, clock);
    await first.conversations.save({
      tenantId: 't',
      conversationId: 'c',
      kind: 'partner',
      conversationType: 'personal',
      locale: 'en-US',
      serviceUrl: 'https://smba.example/',
      reference: { conversation: { id: 'c' } },
      updatedAt: '2025-03-03T09:00:00.000Z',
    });
    await first.close();

    clock.advance(86_400_000);
    const second = open(file, clock);
    expect(await second.conversations.get('t', 'c')).toMatchObject({ locale: 'en-US' });
    const applied = raw(file)
      .prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')
      .all();
    expect(applied).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name, applied_at: '2025-03-03T09:00:00.000Z' })),
    );
    expect(migrate(raw(file), file, clock)).toEqual([]);
  });

  it('refuses to open a database written by a newer schema version, and leaves it as it was', async () => {
    const file = freshFile();
    await open(file).close();
    raw(file).prepare("INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01')").run();

    let error: unknown;
    try {
      open(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', details: { schemaVersion: 99 } });
    expect((error as Error).message).toContain(
      `The database at ${file} was written by a newer MCA Assist (schema v99)`,
    );
    const versions = raw(file).prepare('SELECT max(version) AS v FROM schema_migrations').get();
    expect(versions).toEqual({ v: 99 });
  });

  it('rolls back a failing migration whole and keeps the ones before it', () => {
    const file = freshFile();
    const db = raw(join(root, `${counter}-partial.db`));
    const broken = [
      { version: 1, name: 'good', up: 'CREATE TABLE good (a)' },
      { version: 2, name: 'bad', up: 'CREATE TABLE half (a); INSERT INTO missing VALUES (1);' },
    ];
    expect(() => migrate(db, file, new MutableClock(), broken)).toThrow(/schema v2 \(bad\)/);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(['good', 'schema_migrations']);
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
  });

  it('round-trips non-ASCII text in every area', async () => {
    const store = open(freshFile());
    const names = { de: 'Müller GmbH & Co. KG', ja: '株式会社テスト商事', emoji: 'Straße 🚀', ar: 'شركة' };
    await store.conversations.save({
      tenantId: 'tenant-ü',
      conversationId: '19:チャネル@thread.tacv2',
      kind: 'customer',
      conversationType: 'channel',
      locale: 'ja-JP',
      serviceUrl: 'https://smba.example/',
      reference: { names },
      updatedAt: '2025-03-03T09:00:00.000Z',
    });
    await store.audit.append({
      at: '2025-03-03T09:00:00.000Z',
      actorAadObjectId: 'u',
      actorTenantId: 'tenant-ü',
      action: 'status.checked',
      details: { company: names.de },
    });
    await store.cache.put('status', names.ja, names, new Date('2100-01-01'));
    const job = await store.jobs.enqueue({
      type: 'send',
      payload: names,
      runAt: new Date(0),
      idempotencyKey: names.ja,
    });
    await store.records.put('notice', names.emoji, names, undefined, { index1: names.ar });

    expect((await store.conversations.listByTenant('tenant-ü'))[0]).toMatchObject({
      conversationId: '19:チャネル@thread.tacv2',
      reference: { names },
    });
    expect((await store.audit.list({ limit: 1, actorTenantId: 'tenant-ü' }))[0]?.details).toEqual({
      company: names.de,
    });
    expect(await store.cache.get('status', names.ja)).toEqual(names);
    expect(await store.jobs.getByKey(names.ja)).toMatchObject({ id: job.id, payload: names });
    expect(await store.records.findByIndex('notice', names.ar)).toMatchObject([
      { id: names.emoji, value: names },
    ]);
  });

  it('sweeps expired cache entries on writes at most once a minute', async () => {
    const file = freshFile();
    const clock = new MutableClock();
    const store = open(file, clock);
    const rows = () => raw(file).prepare('SELECT key FROM cache ORDER BY key').pluck().all();
    await store.cache.put('ns', 'a', 1, clock.in(10_000));
    clock.advance(20_000);
    await store.cache.put('ns', 'b', 2, clock.in(3_600_000));
    expect(rows()).toEqual(['a', 'b']);
    expect(await store.cache.get('ns', 'a')).toBeUndefined();
    clock.advance(60_000);
    await store.cache.put('ns', 'c', 3, clock.in(1_000));
    expect(rows()).toEqual(['b', 'c']);
    clock.advance(5_000);
    expect(await store.purgeExpired()).toBe(1);
    expect(rows()).toEqual(['b']);
  });

  it('refuses to change or delete audit entries, even from outside the code', async () => {
    const file = freshFile();
    const store = open(file);
    await store.audit.append({
      at: 'now',
      actorAadObjectId: 'u',
      actorTenantId: 't',
      action: 'status.checked',
    });
    const db = raw(file);
    expect(() => db.prepare("UPDATE audit SET action = 'forged'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    const source = readdirSync(join(__dirname, '../../src/store/sqlite'))
      .map((name) => readFileSync(join(__dirname, '../../src/store/sqlite', name), 'utf8'))
      .join('\n');
    expect(source).not.toMatch(/UPDATE\s+audit\b|DELETE\s+FROM\s+audit\b/i);
  });

  it('reports a closed database as unavailable and fails its ping', async () => {
    const store = open(freshFile());
    await store.close();
    expect(await store.ping()).toBe(false);
    await expect(store.jobs.counts()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await store.close();
  });

  it('never leases one job to two store instances on the same file', async () => {
    const file = freshFile();
    const clock = new MutableClock();
    const a = open(file, clock);
    const b = open(file, clock);
    for (let i = 0; i < 20; i++) await a.jobs.enqueue({ type: 'send', payload: { i }, runAt: clock.now() });
    const leased: string[] = [];
    for (let round = 0; round < 10; round++) {
      const [fromA, fromB] = await Promise.all([
        a.jobs.lease(clock.now(), 60_000, 1),
        b.jobs.lease(clock.now(), 60_000, 2),
      ]);
      leased.push(...[...fromA, ...fromB].map((j) => j.id));
    }
    expect(leased).toHaveLength(20);
    expect(new Set(leased).size).toBe(20);
    expect(await b.jobs.lease(clock.now(), 60_000, 10)).toEqual([]);
  });

  it('never leases one job twice across processes racing on the same file', async () => {
    const file = freshFile();
    const store = open(file, new MutableClock(new Date(Date.now() - 60_000)));
    const ids = new Set<string>();
    for (let i = 0; i < 300; i++) {
      ids.add(
        (await store.jobs.enqueue({ type: 'send', payload: { i }, runAt: new Date(Date.now() - 1000) })).id,
      );
    }
    // All four start leasing together once each has opened the store (a start time could pass
    // before a slow-starting process under load is up, and one process would take every job).
    const go = `${file}.go`;
    let ready = 0;
    const onReady = () => {
      if (++ready === 4) writeFileSync(go, '');
    };
    const results = await Promise.all([1, 2, 3, 4].map(() => runWorker(file, go, onReady)));
    const leased = results.flat();
    expect(leased).toHaveLength(300);
    expect(new Set(leased)).toEqual(ids);
    expect(results.filter((r) => r.length > 0).length).toBeGreaterThan(1);
    expect(await store.jobs.counts()).toEqual({ pending: 0, done: 300, dead: 0, cancelled: 0 });
  });
});

function runWorker(file: string, go: string, onReady: () => void): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'lease-worker.ts'), file, go], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (!err.includes('ready') && text.includes('ready')) onReady();
      err += text;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as string[]);
      else reject(new Error(`lease worker exited with ${code}: ${err}`));
    });
  });
}
