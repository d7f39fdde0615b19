import http from 'node:http';
import { loadavg } from 'node:os';

export interface LoadResult {
  requests: number;
  failures: number;
  seconds: number;
  /** Milliseconds, sorted ascending. */
  latencies: number[];
}

export interface LoadOptions {
  url: string;
  concurrency: number;
  seconds: number;
  /** The body of request number `n`. */
  body: (n: number) => string;
  headers: Record<string, string>;
}

/**
 * A closed loop: `concurrency` clients each post, wait for the answer, and post again, over
 * keep-alive connections, for `seconds`. node:http, not fetch, so the load generator costs little.
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
  const target = new URL(o.url);
  const latencies: number[] = [];
  let failures = 0;
  let n = 0;
  const started = performance.now();
  const until = started + o.seconds * 1000;
  const post = (body: string) =>
    new Promise<number>((resolve) => {
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: {
            ...o.headers,
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', () => resolve(0));
      req.end(body);
    });
  const client = async () => {
    while (performance.now() < until) {
      const body = o.body(n++);
      const t0 = performance.now();
      const status = await post(body);
      if (status >= 200 && status < 300) latencies.push(performance.now() - t0);
      else failures++;
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, failures, seconds, latencies };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The one-minute load average of the machine (shared with other work), for the report. */
export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}
