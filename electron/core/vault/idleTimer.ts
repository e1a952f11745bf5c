/**
 * Auto-lock after a period without activity. Pure: the host calls `touch` on
 * activity and `expired` on a timer, passing the time, so tests need no clock.
 */
export class IdleTimer {
  private last: number;

  constructor(
    private minutes: number,
    now: number,
  ) {
    this.last = now;
  }

  setMinutes(minutes: number): void {
    this.minutes = minutes;
  }

  touch(now: number): void {
    this.last = Math.max(this.last, now);
  }

  /** True once `minutes` have passed since the last activity (0 minutes = never). */
  expired(now: number): boolean {
    return this.minutes > 0 && now - this.last >= this.minutes * 60_000;
  }

  remainingMs(now: number): number {
    return this.minutes > 0 ? Math.max(0, this.last + this.minutes * 60_000 - now) : Infinity;
  }
}
