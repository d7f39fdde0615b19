import type { TableClient } from '@azure/data-tables';
import type { Job } from '../types.js';
import { DUE, SHARDS, shardKey } from './job-rows.js';
import { lit, queryAll, type ReadEntity } from './tables.js';

export interface LeaseOptions {
  /** `timeKey` of the lease time: due entities up to it are candidates. */
  until: string;
  limit: number;
  types?: string[];
  /** Takes one job; undefined when another instance was faster or the job is not due after all. */
  claim: (id: string) => Promise<Job | undefined>;
}

/**
 * Finds due jobs in every shard, earliest first, and claims them until `limit` are ours. A claim
 * that loses its race is skipped; when every candidate seen was taken by someone else and a shard
 * had more, the window grows and the next candidates are tried.
 */
export async function leaseJobs(table: TableClient, options: LeaseOptions): Promise<Job[]> {
  const { until, limit, types, claim } = options;
  const typeFilter =
    types === undefined ? '' : ` and (${types.map((t) => `type eq ${lit(t)}`).join(' or ')})`;
  const tried = new Set<string>();
  const won: Job[] = [];
  for (let window = limit * 2 + 8; ; window *= 2) {
    const pages = await Promise.all(
      Array.from({ length: SHARDS }, (_, shard) =>
        queryAll(
          table,
          `PartitionKey eq ${lit(shardKey(shard))} and RowKey ge ${lit(DUE)} and ` +
            `RowKey le ${lit(`${DUE}${until}|~`)}${typeFilter}`,
          'looking for due jobs',
          window,
          ['RowKey', 'id'],
        ),
      ),
    );
    const candidates = pages
      .flat()
      .sort((a, b) => (a.rowKey < b.rowKey ? -1 : a.rowKey > b.rowKey ? 1 : 0))
      .map((e: ReadEntity) => String(e.id))
      .filter((id) => !tried.has(id));
    for (let at = 0; at < candidates.length && won.length < limit;) {
      const batch = candidates.slice(at, at + (limit - won.length));
      at += batch.length;
      for (const id of batch) tried.add(id);
      for (const job of await Promise.all(batch.map(claim))) if (job) won.push(job);
    }
    const more = pages.some((page) => page.length >= window);
    if (won.length >= limit || !more) return won;
  }
}
