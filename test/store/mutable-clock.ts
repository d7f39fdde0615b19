import type { Clock } from '../../src/core/clock.js';

/** A clock that only moves when a test moves it. */
export class MutableClock implements Clock {
  private ms: number;

  constructor(start: Date | string = '2025-03-03T09:00:00.000Z') {
    this.ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  set(to: Date | string): void {
    this.ms = new Date(to).getTime();
  }

  advance(ms: number): Date {
    this.ms += ms;
    return this.now();
  }

  /** `ms` from now, without moving. */
  in(ms: number): Date {
    return new Date(this.ms + ms);
  }
}
