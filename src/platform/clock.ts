/**
 * The one source of "now" for domain code. Rounds, deadlines and limits are all about time, so
 * the clock is injected: production uses the system clock, tests move a fixed one by hand.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that stands still until told to move.
 *
 * @example
 * const clock = new FixedClock('2026-01-01T08:00:00Z');
 * clock.advance({ minutes: 30 });
 */
export class FixedClock implements Clock {
  private current: number;
  constructor(start: string | Date = '2026-01-01T08:00:00.000Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: string | Date): void {
    this.current = new Date(at).getTime();
  }
  advance(by: { days?: number; hours?: number; minutes?: number; seconds?: number; ms?: number }): void {
    this.current +=
      (by.days ?? 0) * 86_400_000 +
      (by.hours ?? 0) * 3_600_000 +
      (by.minutes ?? 0) * 60_000 +
      (by.seconds ?? 0) * 1000 +
      (by.ms ?? 0);
  }
}

/** Timestamps are stored as ISO-8601 UTC text on both stores, so they sort and compare as strings. */
export function iso(date: Date): string {
  return date.toISOString();
}
