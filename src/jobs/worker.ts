import { systemClock, type Clock } from '../core/clock';
import { asAppError } from '../core/errors';
import { asBackground } from '../core/priority';
import type { Logger } from '../core/logger';
import type { Job, JobQueue } from '../store/types';

export type { JobOutcome };

import type { JobOutcome } from '../core/router';

export type JobHandler = (job: Job, signal: AbortSignal) => Promise<JobOutcome | void>;

export interface WorkerOptions {
  jobs: JobQueue;
  handlers: Record<string, JobHandler>;
  log: Logger;
  clock?: Clock;
  /** How often to look for due jobs when idle. Default 500 ms. */
  pollMs?: number;
  /** How long a leased job is ours before another worker may take it. Default 60 s. */
  leaseMs?: number;
  /** Jobs run at once. Default 8. */
  concurrency?: number;
  /** Backoff after a failed attempt: base · 2^(attempt-1), capped, with jitter. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Telemetry: wraps each job attempt (a span); `run` resolves with its outcome. */
  around?: (job: Job, run: () => Promise<JobAttemptOutcome>) => Promise<JobAttemptOutcome>;
}

/** How one attempt ended: finished, run again later on purpose, failed (will retry) or failed for good. */
export type JobAttemptOutcome = 'done' | 'rescheduled' | 'retry' | 'dead';

/**
 * Runs durable jobs from the store: lease, run the handler for the job's type, then complete,
 * reschedule or fail (retry with backoff; dead after the job's maxAttempts). At-least-once: a
 * handler must be idempotent, because a crash between its effect and `complete` runs it again.
 *
 * @example
 * const worker = new Worker({ jobs: store.jobs, handlers: { 'acceptance.watch': watch }, log });
 * worker.start();
 */
export class Worker {
  private readonly clock: Clock;
  private timer?: NodeJS.Timeout;
  private running = new Set<Promise<void>>();
  private readonly filling = new Set<Promise<number>>();
  private readonly abort = new AbortController();
  private stopped = true;
  private wake?: () => void;

  constructor(private readonly options: WorkerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.loop();
  }

  /** Lets running jobs finish (they see the abort signal), then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort(new Error('worker stopping'));
    this.wake?.();
    if (this.timer) clearTimeout(this.timer);
    // A pass that is still starting its leased jobs finishes starting them first.
    await Promise.allSettled([...this.filling]);
    await Promise.allSettled([...this.running]);
  }

  /** Looks for due jobs now instead of at the next poll (after enqueueing something urgent). */
  poke(): void {
    this.wake?.();
  }

  /**
   * One pass: lease and run what is due, then wait for every job running in this worker (also those
   * the background loop started). Returns how many jobs this pass leased. Tests call this directly.
   */
  async runDue(): Promise<number> {
    const leased = await this.fill();
    await Promise.allSettled([...this.running]);
    return leased;
  }

  /** Leases up to the free slots and starts those jobs without waiting for them. */
  private fill(): Promise<number> {
    const pass = this.leaseAndStart();
    this.filling.add(pass);
    return pass.finally(() => this.filling.delete(pass));
  }

  private async leaseAndStart(): Promise<number> {
    const { jobs } = this.options;
    const free = this.concurrency - this.running.size;
    if (free <= 0) return 0;
    const leased = await jobs.lease(
      this.clock.now(),
      this.options.leaseMs ?? 60_000,
      free,
      Object.keys(this.options.handlers),
    );
    for (const [i, job] of leased.entries()) {
      // One job starts per turn of the event loop: a job's first steps are synchronous (SQLite,
      // card rendering), and sixteen of them in one go would hold up timers that pace Teams sends.
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      // runOne records failures in the queue; only the store itself failing ends up here.
      const run = this.runOne(job).catch((err: unknown) => {
        this.options.log.error({ err, jobId: job.id }, 'could not record the outcome of a job');
      });
      void this.track(run);
    }
    return leased.length;
  }

  private get concurrency(): number {
    return this.options.concurrency ?? 8;
  }

  private track(run: Promise<void>): Promise<void> {
    this.running.add(run);
    return run.finally(() => this.running.delete(run));
  }

  private async runOne(job: Job): Promise<void> {
    const around = this.options.around;
    await (around ? around(job, () => this.attempt(job)) : this.attempt(job));
  }

  private async attempt(job: Job): Promise<JobAttemptOutcome> {
    const { jobs, handlers, log } = this.options;
    const handler = handlers[job.type];
    const jobLog = log.child({ jobId: job.id, jobType: job.type, attempt: job.attempts });
    try {
      if (!handler) throw new Error(`no handler for job type ${job.type}`);
      // Nobody waits for a job, even one a person's click enqueued: it queues behind people.
      const outcome = await asBackground(() => handler(job, this.abort.signal));
      if (outcome && !outcome.done) {
        // A reschedule is not a failure: the attempt count starts again.
        await jobs.reschedule(job.id, outcome.runAt, outcome.payload);
        return 'rescheduled';
      }
      await jobs.complete(job.id);
      return 'done';
    } catch (thrown) {
      const err = asAppError(thrown);
      const retryAt = new Date(this.clock.now().getTime() + this.backoff(job.attempts));
      const after = await jobs.fail(job.id, `${err.code}: ${err.message}`.slice(0, 500), retryAt);
      const facts = { code: err.code, status: after?.status, ...err.details };
      if (after?.status === 'dead') jobLog.error({ ...facts, err: err.cause ?? err }, 'job failed for good');
      else jobLog.warn(facts, 'job failed, will retry');
      return after?.status === 'dead' ? 'dead' : 'retry';
    }
  }

  private backoff(attempt: number): number {
    const base = this.options.retryBaseMs ?? 5_000;
    const max = this.options.retryMaxMs ?? 15 * 60_000;
    const exp = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
    return Math.round(exp / 2 + (Math.random() * exp) / 2);
  }

  /**
   * Keeps every slot busy: a slow job (a send waiting out a Retry-After) holds one slot, not the
   * whole batch. Waits when all slots are taken or nothing is due, until a job ends, a poke, or
   * the next poll.
   */
  private async loop(): Promise<void> {
    // Leasing scans the queue, so slots are refilled a quarter of the pool at a time, not one by one.
    const batch = Math.max(1, Math.floor(this.concurrency / 4));
    while (!this.stopped) {
      let leased = 0;
      try {
        leased = await this.fill();
      } catch (err) {
        this.options.log.error({ err }, 'job worker pass failed');
      }
      if (this.stopped) break;
      const busy = this.concurrency - this.running.size < batch;
      if (leased > 0 && !busy) continue;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, busy ? 1_000 : (this.options.pollMs ?? 500));
        if (busy) void this.slotsFree(batch).then(resolve, resolve);
      });
      if (this.timer) clearTimeout(this.timer);
    }
  }

  /** Resolves once at least `count` slots are free. */
  private async slotsFree(count: number): Promise<void> {
    while (this.concurrency - this.running.size < count && this.running.size > 0) {
      await Promise.race(this.running);
    }
  }
}
