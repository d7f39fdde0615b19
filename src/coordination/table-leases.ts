import type { TableClient } from '@azure/data-tables';
import { systemClock, type Clock } from '../core/clock';
import * as az from '../store/azure/tables';

/** A lease held by one instance: who, until when, and (for single-flight) the result it left. */
export interface Lease {
  owner: string;
  until: number;
  etag: string;
  /** Set when the holder finished and left its result for the others. */
  result?: { value: unknown };
  /** What the holder runs (e.g. a sweep id), for the others to follow. */
  label?: string;
}

/**
 * Leases on entities of the `<prefix>leases` table: taking one is an insert (or an ETag-guarded
 * replace of an expired one), so of several instances exactly one wins. Times are wall-clock
 * milliseconds; instances' clocks only need to agree within a fraction of the lease time.
 */
export interface TableLeases {
  /** This instance. */
  readonly owner: string;
  /** The lease, or undefined when a live holder (another instance, or this one) has it. */
  take(scope: string, key: string, ttlMs: number, label?: string): Promise<Lease | undefined>;
  /** Extends a lease we hold; false when we lost it. */
  renew(scope: string, key: string, lease: Lease, ttlMs: number): Promise<Lease | undefined>;
  /** Leaves a result on the lease for `keepMs` (single-flight waiters read it). */
  finish(scope: string, key: string, lease: Lease, result: unknown, keepMs: number): Promise<void>;
  release(scope: string, key: string, lease: Lease): Promise<void>;
  read(scope: string, key: string): Promise<Lease | undefined>;
  /** Live leases of a scope (e.g. the instances that renewed their membership). */
  live(scope: string): Promise<Lease[]>;
  now(): number;
}

export function tableLeases(table: TableClient, owner: string, clock: Clock = systemClock): TableLeases {
  const now = () => clock.now().getTime();
  const entity = (scope: string, key: string, until: number, extra: Record<string, unknown> = {}) => ({
    partitionKey: az.encodeKey(scope),
    rowKey: az.encodeKey(key),
    owner,
    until: az.int64(until),
    ...extra,
  });
  const toLease = (e: Record<string, unknown> & { etag: string }): Lease => ({
    owner: String(e.owner),
    until: az.readInt(e.until),
    etag: e.etag,
    ...(e.done === true && { result: { value: az.unpackJson<{ v?: unknown }>(e, 'result').v } }),
    ...(typeof e.label === 'string' && { label: e.label }),
  });
  const read = async (scope: string, key: string) => {
    const e = await az.readEntity(table, az.encodeKey(scope), az.encodeKey(key), 'reading a lease');
    return e && toLease(e);
  };
  /** Writes, guarded by `etag` (undefined: create); undefined when someone else won. */
  const write = async (row: ReturnType<typeof entity>, etag: string | undefined) => {
    try {
      const response = etag
        ? await table.updateEntity(row, 'Replace', { etag })
        : await table.createEntity(row);
      return response.etag;
    } catch (err) {
      const status = az.statusOf(err);
      if (status === 409 || status === 412 || status === 404) return undefined;
      throw az.toStoreError('taking a lease', err);
    }
  };

  return {
    owner,
    now,
    read,
    async take(scope, key, ttlMs, label) {
      const current = await read(scope, key);
      // Free: none, expired (its holder died), or finished (a result left for earlier waiters).
      if (current && current.until > now() && current.result === undefined) return undefined;
      const until = now() + ttlMs;
      const etag = await write(
        entity(scope, key, until, label === undefined ? {} : { label }),
        current?.etag,
      );
      return etag ? { owner, until, etag, ...(label !== undefined && { label }) } : undefined;
    },
    async renew(scope, key, lease, ttlMs) {
      const until = now() + ttlMs;
      const extra = lease.label === undefined ? {} : { label: lease.label };
      const etag = await write(entity(scope, key, until, extra), lease.etag);
      return etag ? { ...lease, until, etag } : undefined;
    },
    async finish(scope, key, lease, result, keepMs) {
      const row = entity(scope, key, now() + keepMs, {
        done: true,
        ...az.packJson('result', { v: result }, 'a shared result'),
      });
      await write(row, lease.etag);
    },
    async release(scope, key, lease) {
      try {
        await table.deleteEntity(az.encodeKey(scope), az.encodeKey(key), { etag: lease.etag });
      } catch (err) {
        const status = az.statusOf(err);
        if (status !== 404 && status !== 412) throw az.toStoreError('releasing a lease', err);
      }
    },
    async live(scope) {
      const rows = await az.queryAll(
        table,
        `PartitionKey eq ${az.lit(az.encodeKey(scope))} and until gt ${now()}L`,
        'listing leases',
      );
      return rows.map(toLease);
    },
  };
}
