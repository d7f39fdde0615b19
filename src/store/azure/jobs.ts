import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { JobQueue, JobStatus, NewJob } from '../types.js';
import { checkNewJob, clampLimit, validTime } from '../values.js';
import { leaseJobs } from './job-lease.js';
import {
  DUE,
  dueKey,
  fromEntity,
  JOB,
  jobKey,
  keyKey,
  leaseDecision,
  newJobId,
  nextSequence,
  SHARDS,
  shardKey,
  shardOfId,
  shardOfKey,
  toEntity,
  toJob,
  type JobRow,
} from './job-rows.js';
import { lit, queryAll, readEntity, rowKeyPrefix, statusOf, timeKey, toStoreError } from './tables.js';

/** Longer errors (stack traces) are cut: the queue keeps a hint, the log keeps the whole story. */
const MAX_ERROR_LENGTH = 2000;
const MAX_TRIES = 10;
/** Pending jobs whose last write this process made, remembered so the next write needs no read. */
const KNOWN_MAX = 4096;

/**
 * The job queue on Table storage alone (no Queue storage): a due entity per pending job, ordered by
 * time, is the queue; leases are ETag-guarded updates. Run-at times months ahead are just RowKeys,
 * with none of Queue storage's 7-day visibility limit. See job-rows.ts for the layout.
 */
export function azureJobs(table: TableClient, clock: Clock): JobQueue {
  const now = () => clock.now().getTime();
  /**
   * The job entity (row and ETag) as this process last wrote it, while the job is pending: the
   * worker that leased a job usually completes it, and then the write needs no read. The ETag
   * guards the write, so a copy someone else has changed since only costs a 412 and a read.
   */
  const known = new Map<string, { row: JobRow; etag: string }>();
  const remember = (id: string, row: JobRow, etag: string | undefined) => {
    known.delete(id);
    if (!etag || row.status !== 'pending') return;
    if (known.size >= KNOWN_MAX) known.delete(known.keys().next().value!);
    known.set(id, { row, etag });
  };

  /**
   * Reads a job, lets `decide` return its next state (undefined = leave it), and writes that state
   * together with its due entity, guarded by the ETag read. `once`: give up on a lost race.
   */
  const change = async (
    id: string,
    decide: (row: JobRow) => JobRow | undefined,
    once = false,
  ): Promise<{ row?: JobRow; changed: boolean }> => {
    const shard = shardOfId(id);
    if (shard === undefined) return { changed: false };
    const partitionKey = shardKey(shard);
    for (let attempt = 1; ; attempt++) {
      const cached = attempt === 1 ? known.get(id) : undefined;
      known.delete(id);
      // A remembered copy may only be written over (ETag-guarded); a "leave it" must see the store.
      const guess = cached && decide(cached.row);
      let row: JobRow;
      let etag: string;
      let next: JobRow | undefined;
      if (guess) {
        ({ row, etag } = cached);
        next = guess;
      } else {
        const fresh = await readEntity(table, partitionKey, jobKey(id), `reading job ${id}`);
        if (!fresh) return { changed: false };
        row = fromEntity(fresh);
        etag = fresh.etag;
        next = decide(row);
        if (!next) return { row, changed: false };
      }
      const actions: TransactionAction[] = [['update', toEntity(next), 'Replace', { etag }]];
      if (row.due && row.due !== next.due) actions.push(['delete', { partitionKey, rowKey: row.due }]);
      if (next.due && next.due !== row.due) {
        actions.push(['create', { partitionKey, rowKey: next.due, id, type: next.type }]);
      }
      try {
        const result = await table.submitTransaction(actions);
        remember(id, next, result.subResponses[0]?.etag?.trim());
        return { row: next, changed: true };
      } catch (err) {
        const status = statusOf(err);
        if (status !== 412 && status !== 409 && status !== 404) throw toStoreError(`updating job ${id}`, err);
        // A remembered copy that lost: read the job as it is now and decide again.
        if (guess) continue;
        if (once) return { row, changed: false };
        if (attempt >= MAX_TRIES) {
          throw new AppError('STORE_CONFLICT', `Job ${id} kept changing while it was updated; try again.`);
        }
      }
    }
  };

  const finish = (id: string, status: JobStatus) =>
    change(id, (row) =>
      row.status !== 'pending'
        ? undefined
        : { ...row, status, leaseUntil: undefined, due: undefined, updatedAt: now() },
    ).then((r) => r.changed);

  const idByKey = async (key: string) => {
    const entity = await readEntity(table, shardKey(shardOfKey(key)), keyKey(key), 'reading a job key');
    return entity && String(entity.id);
  };

  const get = async <P>(id: string) => {
    const shard = shardOfId(id);
    if (shard === undefined) return undefined;
    const entity = await readEntity(table, shardKey(shard), jobKey(id), `reading job ${id}`);
    return entity && toJob<P>(fromEntity(entity));
  };

  const everyShard = (filter: string, select?: string[]) =>
    Promise.all(
      Array.from({ length: SHARDS }, (_, shard) =>
        queryAll(
          table,
          `PartitionKey eq ${lit(shardKey(shard))} and RowKey ge ${lit(JOB)} and RowKey lt ${lit(`${JOB}\uffff`)}${filter}`,
          'listing jobs',
          Number.POSITIVE_INFINITY,
          select,
        ),
      ),
    ).then((pages) => pages.flat());

  return {
    async enqueue(job: NewJob) {
      const maxAttempts = checkNewJob(job);
      const key = job.idempotencyKey;
      const shard = key === undefined ? Math.floor(Math.random() * SHARDS) : shardOfKey(key);
      const id = newJobId(shard);
      const partitionKey = shardKey(shard);
      const runAt = validTime(job.runAt, 'runAt');
      const stamp = now();
      const row: JobRow = {
        partitionKey,
        rowKey: jobKey(id),
        type: job.type,
        status: 'pending',
        runAt,
        attempts: 0,
        maxAttempts,
        idempotencyKey: key,
        createdAt: stamp,
        updatedAt: stamp,
        seq: nextSequence(),
        due: dueKey(runAt, id),
        payload: job.payload,
      };
      const actions: TransactionAction[] = [
        ['create', toEntity(row)],
        ['create', { partitionKey, rowKey: row.due!, id, type: job.type }],
      ];
      if (key !== undefined) actions.unshift(['create', { partitionKey, rowKey: keyKey(key), id }]);
      try {
        const result = await table.submitTransaction(actions);
        // Answers come in the order of the actions: the job's is the one after its key's.
        remember(id, row, result.subResponses[key === undefined ? 0 : 1]?.etag?.trim());
        return { id, created: true };
      } catch (err) {
        if (key === undefined || statusOf(err) !== 409)
          throw toStoreError(`enqueueing a ${job.type} job`, err);
        const existing = await idByKey(key);
        if (!existing) throw toStoreError(`enqueueing a ${job.type} job`, err);
        return { id: existing, created: false };
      }
    },

    async lease(at, leaseMs, limit, types) {
      if (!(leaseMs > 0)) throw new AppError('INPUT_INVALID', `leaseMs must be positive, not ${leaseMs}.`);
      const from = validTime(at, 'now');
      if (types?.length === 0) return [];
      const claim = (id: string) =>
        change(id, (row) => leaseDecision(row, from, from + leaseMs, now()), true).then((r) =>
          r.changed && r.row?.status === 'pending' ? toJob(r.row) : undefined,
        );
      const jobs = await leaseJobs(table, { until: timeKey(from), limit: clampLimit(limit), types, claim });
      return jobs.sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
    },

    complete: (id) => finish(id, 'done'),
    cancel: (id) => finish(id, 'cancelled'),
    async cancelByKey(key) {
      const id = await idByKey(key);
      return id === undefined ? false : finish(id, 'cancelled');
    },

    async fail(id, error, retryAt) {
      const lastError = error.slice(0, MAX_ERROR_LENGTH);
      const retry = validTime(retryAt ?? clock.now(), 'retryAt');
      const { row } = await change(id, (r) => {
        if (r.status !== 'pending') return undefined;
        const alive = r.attempts < r.maxAttempts;
        return {
          ...r,
          status: alive ? 'pending' : 'dead',
          runAt: alive ? retry : r.runAt,
          leaseUntil: undefined,
          lastError,
          updatedAt: now(),
          due: alive ? dueKey(retry, id) : undefined,
        };
      });
      return row && toJob(row);
    },

    async reschedule(id, runAt, payload) {
      const at = validTime(runAt, 'runAt');
      const result = await change(id, (r) =>
        r.status !== 'pending'
          ? undefined
          : {
              ...r,
              runAt: at,
              attempts: 0,
              leaseUntil: undefined,
              updatedAt: now(),
              due: dueKey(at, id),
              payload: payload === undefined ? r.payload : payload,
            },
      );
      return result.changed;
    },

    get,
    async getByKey<P>(key: string) {
      const id = await idByKey(key);
      return id === undefined ? undefined : get<P>(id);
    },

    async list(query) {
      const filter =
        (query.status ? ` and status eq ${lit(query.status)}` : '') +
        (query.type ? ` and type eq ${lit(query.type)}` : '');
      const rows = (await everyShard(filter)).map(fromEntity);
      rows.sort((a, b) => b.createdAt - a.createdAt || (a.seq < b.seq ? 1 : a.seq > b.seq ? -1 : 0));
      return rows.slice(0, clampLimit(query.limit)).map((row) => toJob(row));
    },

    async pendingCount() {
      // A pending job has exactly one due entity (they change together), and only pending ones do.
      const pages = await Promise.all(
        Array.from({ length: SHARDS }, (_, shard) =>
          queryAll(
            table,
            `PartitionKey eq ${lit(shardKey(shard))} and ${rowKeyPrefix(DUE)}`,
            'counting pending jobs',
            Number.POSITIVE_INFINITY,
            ['RowKey'],
          ),
        ),
      );
      return pages.reduce((n, page) => n + page.length, 0);
    },

    async counts() {
      const counts: Record<JobStatus, number> = { pending: 0, done: 0, dead: 0, cancelled: 0 };
      for (const e of await everyShard('', ['status'])) counts[e.status as JobStatus] += 1;
      return counts;
    },
  };
}
