import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { Job, JobQueue, JobStatus, NewJob } from '../types.js';
import { clampLimit, compact, fromJson, guard, toJson, validTime } from './util.js';
import { checkNewJob } from '../values.js';

/** Longer errors (stack traces) are cut: the queue keeps a hint, the log keeps the whole story. */
const MAX_ERROR_LENGTH = 2000;

interface JobRow {
  id: string;
  type: string;
  payload: string;
  status: JobStatus;
  run_at: number;
  attempts: number;
  max_attempts: number;
  lease_until: number | null;
  last_error: string | null;
  idempotency_key: string | null;
  created_at: number;
  updated_at: number;
}

/** At-least-once queue; see {@link Job} for why workers must be idempotent. */
export function sqliteJobs(db: Database, file: string, clock: Clock): JobQueue {
  const insert = db.prepare<JobRow>(
    `INSERT INTO jobs (id, type, payload, status, run_at, attempts, max_attempts, lease_until, last_error,
       idempotency_key, created_at, updated_at)
     VALUES (@id, @type, @payload, @status, @run_at, @attempts, @max_attempts, @lease_until, @last_error,
       @idempotency_key, @created_at, @updated_at)
     ON CONFLICT (idempotency_key) DO NOTHING`,
  );
  const byId = db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?');
  const byKey = db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE idempotency_key = ?');
  const buryExpired = db.prepare<{ now: number; error: string }>(
    `UPDATE jobs SET status = 'dead', lease_until = NULL, updated_at = @now,
       last_error = @error || ' (attempt ' || attempts || ' of ' || max_attempts || ')'
     WHERE status = 'pending' AND lease_until <= @now AND attempts >= max_attempts`,
  );
  const take = db.prepare<
    { now: number; until: number; stamp: number; types: string | null; limit: number },
    JobRow
  >(
    `UPDATE jobs SET lease_until = @until, attempts = attempts + 1, updated_at = @stamp
     WHERE id IN (
       SELECT id FROM jobs
       WHERE status = 'pending' AND run_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
         AND attempts < max_attempts
         AND (@types IS NULL OR type IN (SELECT value FROM json_each(@types)))
       ORDER BY run_at, rowid LIMIT @limit)
     RETURNING *`,
  );
  const finish = db.prepare<[JobStatus, number, string]>(
    `UPDATE jobs SET status = ?, lease_until = NULL, updated_at = ? WHERE id = ? AND status = 'pending'`,
  );
  const cancelKey = db.prepare<[number, string]>(
    `UPDATE jobs SET status = 'cancelled', lease_until = NULL, updated_at = ?
     WHERE idempotency_key = ? AND status = 'pending'`,
  );
  const failOne = db.prepare<{ id: string; error: string; retry_at: number; now: number }, JobRow>(
    `UPDATE jobs SET
       status = CASE WHEN attempts < max_attempts THEN 'pending' ELSE 'dead' END,
       run_at = CASE WHEN attempts < max_attempts THEN @retry_at ELSE run_at END,
       lease_until = NULL, last_error = @error, updated_at = @now
     WHERE id = @id AND status = 'pending'
     RETURNING *`,
  );
  const rescheduleOne = db.prepare<{ id: string; run_at: number; now: number; payload: string | null }>(
    `UPDATE jobs SET run_at = @run_at, attempts = 0, lease_until = NULL, updated_at = @now,
       payload = COALESCE(@payload, payload)
     WHERE id = @id AND status = 'pending'`,
  );
  const page = (where: string) =>
    db.prepare<{ status?: string; type?: string; limit: number }, JobRow>(
      `SELECT * FROM jobs ${where} ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
    );
  const pages = {
    all: page(''),
    status: page('WHERE status = @status'),
    type: page('WHERE type = @type'),
    both: page('WHERE status = @status AND type = @type'),
  };
  const countPending = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM jobs WHERE status = 'pending'",
  );
  const countAll = db.prepare<[], { status: JobStatus; n: number }>(
    'SELECT status, count(*) AS n FROM jobs GROUP BY status',
  );

  const enqueue = db.transaction((row: JobRow) => {
    if (insert.run(row).changes > 0) return { id: row.id, created: true };
    const existing = byKey.get(row.idempotency_key ?? '');
    if (!existing) throw new Error(`Job ${row.id} was neither inserted nor found by its key.`);
    return { id: existing.id, created: false };
  });
  const lease = db.transaction(
    (params: { now: number; until: number; stamp: number; types: string | null; limit: number }) => {
      buryExpired.run({
        now: params.now,
        error: 'The lease expired on the last attempt: the worker stopped or overran it',
      });
      return take.all(params);
    },
  );
  const now = () => clock.now().getTime();

  return {
    async enqueue(job: NewJob) {
      const maxAttempts = checkNewJob(job);
      const stamp = now();
      const row: JobRow = {
        id: randomUUID(),
        type: job.type,
        payload: toJson(job.payload, `the payload of a ${job.type} job`),
        status: 'pending',
        run_at: validTime(job.runAt, 'runAt'),
        attempts: 0,
        max_attempts: maxAttempts,
        lease_until: null,
        last_error: null,
        idempotency_key: job.idempotencyKey ?? null,
        created_at: stamp,
        updated_at: stamp,
      };
      return guard(file, () => enqueue.immediate(row));
    },
    async lease(at, leaseMs, limit, types) {
      if (!(leaseMs > 0)) throw new AppError('INPUT_INVALID', `leaseMs must be positive, not ${leaseMs}.`);
      const from = validTime(at, 'now');
      const params = {
        now: from,
        until: from + leaseMs,
        stamp: now(),
        types: types === undefined ? null : JSON.stringify(types),
        limit: clampLimit(limit),
      };
      const rows = guard(file, () => lease.immediate(params));
      return rows.map(toJob).sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
    },
    async complete(id) {
      return guard(file, () => finish.run('done', now(), id)).changes > 0;
    },
    async fail(id, error, retryAt) {
      const params = {
        id,
        error: error.slice(0, MAX_ERROR_LENGTH),
        retry_at: validTime(retryAt ?? clock.now(), 'retryAt'),
        now: now(),
      };
      const row = guard(file, () => failOne.get(params) ?? byId.get(id));
      return row && toJob(row);
    },
    async reschedule(id, runAt, payload) {
      const params = {
        id,
        run_at: validTime(runAt, 'runAt'),
        now: now(),
        payload: payload === undefined ? null : toJson(payload, 'a rescheduled payload'),
      };
      return guard(file, () => rescheduleOne.run(params)).changes > 0;
    },
    async cancel(id) {
      return guard(file, () => finish.run('cancelled', now(), id)).changes > 0;
    },
    async cancelByKey(key) {
      return guard(file, () => cancelKey.run(now(), key)).changes > 0;
    },
    async get<P>(id: string) {
      const row = guard(file, () => byId.get(id));
      return row && toJob<P>(row);
    },
    async getByKey<P>(key: string) {
      const row = guard(file, () => byKey.get(key));
      return row && toJob<P>(row);
    },
    async list(query) {
      const { status, type } = query;
      const statement = status && type ? pages.both : status ? pages.status : type ? pages.type : pages.all;
      const params = { limit: clampLimit(query.limit), ...(status && { status }), ...(type && { type }) };
      return guard(file, () => statement.all(params)).map((row) => toJob(row));
    },
    async counts() {
      const counts: Record<JobStatus, number> = { pending: 0, done: 0, dead: 0, cancelled: 0 };
      for (const { status, n } of guard(file, () => countAll.all())) counts[status] = n;
      return counts;
    },

    async pendingCount() {
      return guard(file, () => countPending.get())?.n ?? 0;
    },
  };
}

function toJob<P = unknown>(row: JobRow): Job<P> {
  return compact({
    id: row.id,
    type: row.type,
    payload: fromJson<P>(row.payload),
    status: row.status,
    runAt: new Date(row.run_at),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    leaseUntil: row.lease_until === null ? undefined : new Date(row.lease_until),
    lastError: row.last_error ?? undefined,
    idempotencyKey: row.idempotency_key ?? undefined,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  });
}
