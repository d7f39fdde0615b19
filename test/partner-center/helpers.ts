import type { AppError } from '../../src/core/errors';
import { createLogger } from '../../src/core/logger';
import { createPartnerCenterClient, createStaticTokenGetter } from '../../src/partner-center';
import type { PartnerCenterClientOptions } from '../../src/partner-center';
import type { FakePc } from './fake-pc';

export const TENANT = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
export const APP_TOKEN = 'app-token-0123456789';
export const USER_TOKEN = 'user-token-9876543210';
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Metric = Parameters<NonNullable<PartnerCenterClientOptions['onRequest']>>[0];

/** A client pointed at the fake, with recorded sleeps, log lines and per-attempt metrics. */
export function testClient(pc: FakePc, overrides: Partial<PartnerCenterClientOptions> = {}) {
  const sleeps: number[] = [];
  const logs: Record<string, unknown>[] = [];
  const rawLog: string[] = [];
  const metrics: Metric[] = [];
  const log = createLogger({
    level: 'debug',
    destination: {
      write(line: string) {
        rawLog.push(line);
        logs.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  });
  const client = createPartnerCenterClient({
    baseUrl: pc.url,
    getToken: createStaticTokenGetter({ app: APP_TOKEN, user: USER_TOKEN }),
    log,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    timeoutMs: 2_000,
    onRequest: (info) => metrics.push(info),
    ...overrides,
  });
  return { client, sleeps, logs, rawLog, metrics };
}

/** Resolves with the rejection of `promise` (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
