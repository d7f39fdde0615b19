/**
 * Runs at most `size` tasks at once. `run` waits for a free slot, so a producer that lists
 * customers page by page is held back instead of queueing ten thousand promises. The first task
 * that fails stops the pool: later `run` and `drain` calls throw it.
 *
 * @example
 * const pool = new Pool(8);
 * for (const c of customers) await pool.run(() => check(c));
 * await pool.drain();
 */
export class Pool {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly size: number) {}

  async run(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.size) await Promise.race(this.running);
    if (this.failure) throw this.failure.error;
    const done: Promise<void> = task()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.running.delete(done));
    this.running.add(done);
  }

  /** Waits for every started task; throws the first failure. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
    if (this.failure) throw this.failure.error;
  }
}
