import type { Store } from '../../src/store/types';

/** The jobs one blocked purchase sets off, up to the customer's and the partner's first messages. */
const NOTICE_WORK = ['purchase.open', 'purchase.hold', 'purchase.track', 'acceptance.start'];

/**
 * POSTs one blocked order to an instance the way an ordering system does: a refused connection
 * (the instance is down or restarting), a 503 or a 429 is sent again, until it answers 202.
 * @returns the notice id it answered.
 */
export async function postUntilAnswered(
  url: () => string,
  key: string,
  body: unknown,
  timeoutMs = 180_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const base = url();
    if (base) {
      try {
        const res = await fetch(`${base}/api/purchase-blocked`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
          body: JSON.stringify(body),
        });
        const text = await res.text();
        if (res.status === 202) return (JSON.parse(text) as { noticeId: string }).noticeId;
        last = `${res.status} ${text.slice(0, 200)}`;
        if (res.status !== 503 && res.status !== 429) throw new Error(`purchase-blocked answered ${last}`);
      } catch (err) {
        if ((err as Error).message.startsWith('purchase-blocked answered')) throw err;
        last = String((err as Error).message);
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer to a blocked order within ${timeoutMs} ms: ${last}`);
}

/**
 * Resolves once no notice work is pending in the shared store (twice in a row, a second apart),
 * so every customer and partner message has been sent or given up.
 */
export async function waitForQuiet(store: Store, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietPasses = 0;
  while (quietPasses < 2) {
    await new Promise((r) => setTimeout(r, 1000));
    const pending = (
      await Promise.all(NOTICE_WORK.map((type) => store.jobs.list({ type, status: 'pending', limit: 5 })))
    ).flat();
    quietPasses = pending.length === 0 ? quietPasses + 1 : 0;
    if (pending.length > 0 && Date.now() > deadline) {
      const what = pending.map(
        (j) => `${j.type} at ${j.runAt.toISOString()} (${j.attempts}): ${j.lastError ?? ''}`,
      );
      throw new Error(`notice work still pending after ${timeoutMs} ms, e.g. ${what.join('; ')}`);
    }
  }
}

/** The most timestamps (ms) in any window of `windowMs` (sliding, start inclusive). */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((x, y) => x - y);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
