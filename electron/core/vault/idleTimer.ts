/**
 * Auto-lock after a period without activity. Pure: the host calls `touch` on
 * activity and `expired` on a timer, passing the time, so tests need no clock.
 */
export class IdleTimer {
  private last: number;
  /** The warning before the lock was given for the current idle stretch. */
  private warned = false;

  constructor(
    private minutes: number,
    now: number,
  ) {
    this.last = now;
  }

  setMinutes(minutes: number): void {
    this.minutes = minutes;
    this.warned = false;
  }

  touch(now: number): void {
    if (now > this.last) this.warned = false;
    this.last = Math.max(this.last, now);
  }

  /** True once `minutes` have passed since the last activity (0 minutes = never). */
  expired(now: number): boolean {
    return this.minutes > 0 && now - this.last >= this.minutes * 60_000;
  }

  /** True once per idle stretch, when the lock is at most `leadMs` away (and not yet due). */
  warnDue(now: number, leadMs: number): boolean {
    if (this.minutes <= 0 || this.warned) return false;
    const remaining = this.remainingMs(now);
    if (remaining <= 0 || remaining > leadMs) return false;
    this.warned = true;
    return true;
  }

  remainingMs(now: number): number {
    return this.minutes > 0 ? Math.max(0, this.last + this.minutes * 60_000 - now) : Infinity;
  }
}
