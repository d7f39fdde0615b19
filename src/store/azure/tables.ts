import type { TokenCredential } from '@azure/identity';
import { RestError, TableClient, type TableEntity, type TableEntityResult } from '@azure/data-tables';
import { AppError } from '../../core/errors.js';
import { toJson } from '../values.js';

/** Where the Azure store keeps its tables, and how it signs in. */
export type AzureStorageTarget =
  | { connectionString: string }
  | {
      /** https://<account>.table.core.windows.net (or a Cosmos DB for Table endpoint). */
      accountUrl: string;
      /** From `@azure/identity`: DefaultAzureCredential (managed identity in Azure). */
      credential: TokenCredential;
    };

/** The tables of one deployment, all named `<prefix><area>`. */
export const AREAS = ['conversations', 'audit', 'cache', 'jobs', 'records', 'leases'] as const;
export type Area = (typeof AREAS)[number];
export type Tables = Record<Area, TableClient>;

/** Storage requests sent by this process, per area (each is one billed Table transaction). */
export type RequestCounts = Record<Area, number>;

/** Per `<area> <kind>` (kind: read, query, batch, write, delete): requests and their summed milliseconds. */
export type RequestTimings = Record<string, { n: number; ms: number }>;

/** What a Table request does, from its method and URL (for the request timings). */
function requestKind(method: string, url: string): string {
  if (method === 'GET') return /\(PartitionKey=/.test(url) ? 'read' : 'query';
  if (method === 'DELETE') return 'delete';
  return /\$batch/.test(url) ? 'batch' : 'write';
}

/**
 * Cosmos DB for Table does not return query results in PartitionKey/RowKey order as Table storage
 * does; queries on its tables read the whole key range and sort it here (more request units, the
 * same answers).
 */
const UNSORTED = new WeakSet<TableClient>();
const COSMOS = /\.(table\.cosmos\.azure\.com|table\.cosmosdb\.azure\.com|documents\.azure\.com)/i;

export function isCosmos(target: AzureStorageTarget): boolean {
  return COSMOS.test('connectionString' in target ? target.connectionString : target.accountUrl);
}

export function tableClients(
  target: AzureStorageTarget,
  prefix: string,
  counts?: RequestCounts,
  timings?: RequestTimings,
): Tables {
  const open = (area: Area): TableClient => {
    const name = `${prefix}${area}`;
    // Azurite and other local endpoints speak plain http; Azure itself only https.
    const options = { allowInsecureConnection: true, retryOptions: { maxRetries: 4 } };
    const client =
      'connectionString' in target
        ? TableClient.fromConnectionString(target.connectionString, name, options)
        : new TableClient(target.accountUrl, name, target.credential, options);
    if (counts) {
      client.pipeline.addPolicy({
        name: 'mca-count-requests',
        sendRequest: async (request, next) => {
          counts[area] += 1;
          if (!timings) return next(request);
          const started = performance.now();
          try {
            return await next(request);
          } finally {
            const key = `${area} ${requestKind(request.method, request.url)}`;
            const t = (timings[key] ??= { n: 0, ms: 0 });
            t.n += 1;
            t.ms += performance.now() - started;
          }
        },
      });
    }
    return client;
  };
  const tables = Object.fromEntries(AREAS.map((area) => [area, open(area)])) as Tables;
  if (isCosmos(target)) for (const table of Object.values(tables)) UNSORTED.add(table);
  return tables;
}

/**
 * Characters Table storage refuses in PartitionKey and RowKey (and `%` and `|`: the encoding can be
 * undone, and `|` separates parts of a key). Ids from Teams and Partner Center rarely hold them, but a key must never be refused.
 */
const KEY_UNSAFE = /[%|/\\#?\u0000-\u001f\u007f-\u009f]/g;

export function encodeKey(value: string): string {
  return value.replace(KEY_UNSAFE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function decodeKey(key: string): string {
  return key.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Fixed-width epoch milliseconds, so that RowKeys sort as the times do. */
export function timeKey(ms: number): string {
  return String(Math.max(0, Math.floor(ms))).padStart(15, '0');
}

/** A string property holds 64 KiB (32 K UTF-16 units); longer JSON is split over numbered properties. */
const CHUNK = 30_000;

export function packJson(name: string, value: unknown, what: string): Record<string, string> {
  const text = toJson(value, what);
  const out: Record<string, string> = {};
  let at = 0;
  for (let part = 0; at < text.length || part === 0; part++) {
    let end = Math.min(text.length, at + CHUNK);
    // Never cut a surrogate pair in two: each half alone is not valid UTF-8.
    if (end < text.length && /[\ud800-\udbff]/.test(text.charAt(end - 1))) end -= 1;
    out[part === 0 ? name : `${name}_${part}`] = text.slice(at, end);
    at = end;
  }
  return out;
}

export function unpackJson<T>(entity: Record<string, unknown>, name: string): T {
  const first = entity[name];
  let text = typeof first === 'string' ? first : 'null';
  for (let part = 1; typeof entity[`${name}_${part}`] === 'string'; part++) {
    text += entity[`${name}_${part}`] as string;
  }
  return JSON.parse(text) as T;
}

export type Entity = TableEntity<Record<string, unknown>>;
export type ReadEntity = TableEntityResult<Record<string, unknown>> & {
  partitionKey: string;
  rowKey: string;
};

export function statusOf(err: unknown): number | undefined {
  return err instanceof RestError || (err as { name?: string } | null)?.name === 'RestError'
    ? (err as RestError).statusCode
    : undefined;
}

/** Runs one storage call; Azure failures become `AppError('STORE_UNAVAILABLE')` for the error funnel. */
export async function guard<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    throw toStoreError(what, err);
  }
}

export function toStoreError(what: string, err: unknown): unknown {
  if (err instanceof AppError) return err;
  const status = statusOf(err);
  if (
    status === undefined &&
    !(err instanceof Error && /ECONN|ETIMEDOUT|fetch failed|socket/i.test(err.message))
  )
    return err;
  const code = (err as RestError).code;
  return new AppError(
    'STORE_UNAVAILABLE',
    `Azure Table storage failed while ${what}${status ? ` (HTTP ${status}${code ? ` ${code}` : ''})` : ''}. ` +
      'Check AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT_URL and the identity’s role ' +
      '(Storage Table Data Contributor).',
    {
      cause: err,
      details: { status, code },
      retryable: status === undefined || status === 408 || status === 429 || status >= 500,
    },
  );
}

/** Point read; undefined when the entity does not exist. */
export async function readEntity(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
  what: string,
): Promise<ReadEntity | undefined> {
  try {
    return (await table.getEntity<Record<string, unknown>>(partitionKey, rowKey)) as ReadEntity;
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw toStoreError(what, err);
  }
}

/** The first `max` entities a query returns in RowKey order, page by page. */
export async function queryAll(
  table: TableClient,
  filter: string,
  what: string,
  max = Number.POSITIVE_INFINITY,
  select?: string[],
): Promise<ReadEntity[]> {
  const sorted = !UNSORTED.has(table);
  return guard(what, async () => {
    const out: ReadEntity[] = [];
    const pageSize = sorted && Number.isFinite(max) ? Math.min(1000, Math.max(1, max)) : 1000;
    const pages = table
      .listEntities<Record<string, unknown>>({ queryOptions: { filter, ...(select && { select }) } })
      .byPage({ maxPageSize: pageSize });
    for await (const page of pages) {
      out.push(...(page as ReadEntity[]));
      if (sorted && out.length >= max) return out.slice(0, max);
    }
    if (sorted) return out;
    return out
      .sort((a, b) => compareKeys(a.partitionKey, b.partitionKey) || compareKeys(a.rowKey, b.rowKey))
      .slice(0, max);
  });
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** OData string literal. */
export function lit(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A clause that matches RowKeys starting with `prefix`. */
export function rowKeyPrefix(prefix: string): string {
  return `RowKey ge ${lit(prefix)} and RowKey lt ${lit(`${prefix}\uffff`)}`;
}

/** Creates every table that is missing; safe to run from several instances at once. */
export async function ensureTables(tables: Tables): Promise<void> {
  await guard('creating the tables', () =>
    Promise.all(Object.values(tables).map((table) => table.createTable())).then(() => undefined),
  );
}

/** Epoch milliseconds as an Int64 property (a JS number would be stored as a Double). */
export function int64(ms: number): { value: string; type: 'Int64' } {
  return { value: String(Math.floor(ms)), type: 'Int64' };
}

/** Reads back a property written with {@link int64} (the SDK returns Int64 as `{ value, type }`). */
export function readInt(property: unknown): number {
  if (property && typeof property === 'object' && 'value' in property) return Number(property.value);
  return Number(property);
}
