/**
 * Sign-in throttling: after a few failures for one user name, each further
 * attempt must wait a growing delay. Failures are kept in a small file beside
 * the database (no names, only the keyring's user tags) because a failed
 * sign-in cannot write to the still-locked vault; they are copied into the
 * audit log at the next successful unlock.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeAtomic } from './safeFile';

export const throttlePathFor = (dbPath: string): string => `${dbPath}.throttle`;

export const FREE_ATTEMPTS = 3;
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 5 * 60_000;

/** 0 for the first FREE_ATTEMPTS failures, then 5 s, 10 s, 20 s … up to 5 minutes. */
export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
}

const StateSchema = z.object({
  users: z.record(z.string(), z.object({ failures: z.number().int(), lastAt: z.number() })),
  pending: z.array(z.object({ userTag: z.string(), at: z.string() })),
});
export type ThrottleState = z.infer<typeof StateSchema>;

export class Throttle {
  constructor(private readonly file: string) {}

  private read(): ThrottleState {
    try {
      const parsed = StateSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      /* missing or damaged: start clean */
    }
    return { users: {}, pending: [] };
  }

  private write(state: ThrottleState): void {
    writeAtomic(this.file, JSON.stringify(state), { overwrite: true });
  }

  /** Milliseconds this user must still wait before the next attempt (0 = may try now). */
  waitFor(userTag: string, now: number = Date.now()): number {
    const entry = this.read().users[userTag];
    if (!entry) return 0;
    return Math.max(0, entry.lastAt + delayAfter(entry.failures) - now);
  }

  recordFailure(userTag: string, now: number = Date.now()): number {
    const state = this.read();
    const failures = (state.users[userTag]?.failures ?? 0) + 1;
    state.users[userTag] = { failures, lastAt: now };
    state.pending.push({ userTag, at: new Date(now).toISOString() });
    // Keep the file small even under a flood of attempts.
    state.pending = state.pending.slice(-500);
    this.write(state);
    return failures;
  }

  recordSuccess(userTag: string): void {
    const state = this.read();
    if (!state.users[userTag]) return;
    delete state.users[userTag];
    this.write(state);
  }

  /** Failed attempts not yet copied to the audit log; clears them. */
  takePending(): ThrottleState['pending'] {
    const state = this.read();
    if (state.pending.length === 0) return [];
    const pending = state.pending;
    this.write({ ...state, pending: [] });
    return pending;
  }
}
