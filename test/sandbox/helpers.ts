import { randomUUID } from 'node:crypto';
import {
  SANDBOX_APP_TOKEN,
  SANDBOX_USER_TOKEN,
  startSandbox,
  type Sandbox,
  type SandboxOptions,
} from '../../src/sandbox';

export const USER = SANDBOX_USER_TOKEN;
export const APP = SANDBOX_APP_TOKEN;

/** A clock the test moves by hand. */
export function manualClock(start = '2026-03-02T10:00:15Z') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

export interface Call {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** GET with the headers a well-behaved client sends; `token: null` sends no Authorization. */
export async function get(
  sandbox: Sandbox,
  path: string,
  options: { token?: string | null; headers?: Record<string, string> } = {},
): Promise<Call> {
  const token = options.token === undefined ? USER : options.token;
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'MS-RequestId': randomUUID(),
    'MS-CorrelationId': randomUUID(),
    ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
    ...options.headers,
  };
  const res = await fetch(`${sandbox.url}${path}`, { headers });
  const text = await res.text();
  const isJson = res.headers.get('content-type')?.startsWith('application/json') ?? false;
  const body: unknown = isJson ? JSON.parse(text) : undefined;
  return { status: res.status, headers: res.headers, body, text };
}

export async function post(sandbox: Sandbox, path: string, body: unknown): Promise<Call> {
  const res = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, text };
}

/** Starts a sandbox for one test file and closes it afterwards. */
export async function withSandbox<T>(options: SandboxOptions, fn: (s: Sandbox) => Promise<T>): Promise<T> {
  const sandbox = await startSandbox(options);
  try {
    return await fn(sandbox);
  } finally {
    await sandbox.close();
  }
}

export function filterQuery(field: string, value: string, operator = 'starts_with'): string {
  return encodeURIComponent(JSON.stringify({ Field: field, Value: value, Operator: operator }));
}
