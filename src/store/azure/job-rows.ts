import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { Job, JobStatus } from '../types.js';
import { compact } from '../values.js';
import { encodeKey, int64, packJson, readInt, timeKey, unpackJson, type ReadEntity } from './tables.js';

/**
 * How jobs are laid out in the jobs table. Jobs are spread over SHARDS partitions; one partition
 * holds, for each of its jobs, the job entity (`j|<id>`), its due entity while it is pending
 * (`d|<due time>|<id>`: the run-at time, or the end of the lease while one runs) and its idempotency
 * key entity (`k|<key>`). All three change together in one entity group transaction guarded by the
 * job's ETag, so a pending job always has exactly one due entity and a key is never taken twice.
 */
export const SHARDS = 4;
export const JOB = 'j|';
export const DUE = 'd|';
export const KEY = 'k|';

export const shardKey = (shard: number) => `q${shard}`;
export const jobKey = (id: string) => `${JOB}${id}`;
export const dueKey = (ms: number, id: string) => `${DUE}${timeKey(ms)}|${id}`;
export const keyKey = (key: string) => `${KEY}${encodeKey(key)}`;

/** The shard of a job id (its first hex digit), or undefined for an id this store never made. */
export function shardOfId(id: string): number | undefined {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  return parseInt(id.charAt(0), 16) % SHARDS;
}

export function shardOfKey(key: string): number {
  return createHash('sha256').update(key).digest()[0]! % SHARDS;
}

/** A random UUID whose first hex digit names `shard`, so that `get(id)` finds its partition. */
export function newJobId(shard: number): string {
  const digit = (shard + SHARDS * randomInt(16 / SHARDS)).toString(16);
  return digit + randomUUID().slice(1);
}

let sequence = 0;
/** Orders jobs created in the same millisecond (newest first in `list`), like SQLite's rowid. */
export function nextSequence(): string {
  sequence = (sequence + 1) % 1_000_000;
  return `${timeKey(Date.now())}${String(sequence).padStart(6, '0')}`;
}

export interface JobRow {
  partitionKey: string;
  rowKey: string;
  type: string;
  status: JobStatus;
  runAt: number;
  attempts: number;
  maxAttempts: number;
  leaseUntil?: number;
  lastError?: string;
  idempotencyKey?: string;
  createdAt: number;
  updatedAt: number;
  seq: string;
  /** RowKey of the job's due entity while it is pending. */
  due?: string;
  payload: unknown;
}

export function toEntity(row: JobRow): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const { payload, runAt, leaseUntil, createdAt, updatedAt, ...rest } = row;
  return compact({
    ...rest,
    id: row.rowKey.slice(JOB.length),
    runAt: int64(runAt),
    leaseUntil: leaseUntil === undefined ? undefined : int64(leaseUntil),
    createdAt: int64(createdAt),
    updatedAt: int64(updatedAt),
    ...packJson('payload', payload, `the payload of a ${row.type} job`),
  });
}

export function fromEntity(e: ReadEntity): JobRow {
  return compact({
    partitionKey: e.partitionKey,
    rowKey: e.rowKey,
    type: e.type as string,
    status: e.status as JobStatus,
    runAt: readInt(e.runAt),
    attempts: Number(e.attempts),
    maxAttempts: Number(e.maxAttempts),
    leaseUntil: e.leaseUntil === undefined ? undefined : readInt(e.leaseUntil),
    lastError: e.lastError as string | undefined,
    idempotencyKey: e.idempotencyKey as string | undefined,
    createdAt: readInt(e.createdAt),
    updatedAt: readInt(e.updatedAt),
    seq: e.seq as string,
    due: e.due as string | undefined,
    payload: unpackJson(e, 'payload'),
  });
}

export function toJob<P>(row: JobRow): Job<P> {
  return compact({
    id: row.rowKey.slice(JOB.length),
    type: row.type,
    payload: row.payload as P,
    status: row.status,
    runAt: new Date(row.runAt),
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    leaseUntil: row.leaseUntil === undefined ? undefined : new Date(row.leaseUntil),
    lastError: row.lastError,
    idempotencyKey: row.idempotencyKey,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  });
}

/**
 * The next state of a job found due at `now`: leased until `until` with one more attempt, or dead
 * when its lease ran out on the last attempt; undefined when it is not free to take.
 */
export function leaseDecision(row: JobRow, now: number, until: number, stamp: number): JobRow | undefined {
  const leased = row.leaseUntil !== undefined && row.leaseUntil > now;
  if (row.status !== 'pending' || row.runAt > now || leased) return undefined;
  if (row.attempts >= row.maxAttempts) {
    if (row.leaseUntil === undefined) return undefined;
    const lastError =
      'The lease expired on the last attempt: the worker stopped or overran it ' +
      `(attempt ${row.attempts} of ${row.maxAttempts})`;
    return { ...row, status: 'dead', lastError, leaseUntil: undefined, due: undefined, updatedAt: stamp };
  }
  const id = row.rowKey.slice(JOB.length);
  return { ...row, attempts: row.attempts + 1, leaseUntil: until, due: dueKey(until, id), updatedAt: stamp };
}
