/**
 * The hybrid logical clock, from `@actual-app/crdt`. The library keeps one clock per
 * process; Kalkan keeps each replica's clock in its own vault (`sync_state.clock`),
 * so every use loads it, runs, and stores it back in the same transaction.
 *
 * A timestamp more than MAX_DRIFT_MS ahead of this computer's clock (a device whose
 * clock runs fast) is refused with `sync.clockAhead` instead of being ordered
 * silently after everything else.
 */
import { getClock, makeClock, setClock, Timestamp } from '@actual-app/crdt';
import { CodedError } from '../../../shared/api/envelope';
import type { Db } from '../db/open';
import { getState, setState } from './state';

export const MAX_DRIFT_MS = 5 * 60 * 1000;
Timestamp.init({ maxDrift: MAX_DRIFT_MS });

export function parseTimestamp(text: string): Timestamp | null {
  return Timestamp.parse(text);
}

/** Runs `use` with this replica's clock loaded; the clock is stored back afterwards. */
export function withClock<T>(db: Db, deviceId: string, use: (clock: { send(): string; recv(ts: string): void }) => T): T {
  const stored = getState(db, 'clock');
  const start = (stored && Timestamp.parse(stored)) || new Timestamp(0, 0, deviceId);
  setClock(makeClock(new Timestamp(start.millis(), start.counter(), deviceId)));
  const out = use({
    send() {
      try {
        return Timestamp.send()!.toString();
      } catch (error) {
        throw driftError(error, getClock().timestamp.millis());
      }
    },
    recv(ts) {
      const parsed = Timestamp.parse(ts);
      if (!parsed) throw new CodedError('sync.tampered');
      try {
        Timestamp.recv(parsed);
      } catch (error) {
        throw driftError(error, parsed.millis(), parsed.node());
      }
    },
  });
  setState(db, 'clock', getClock().timestamp.toString());
  return out;
}

function driftError(error: unknown, millis: number, device?: string): unknown {
  if (error instanceof Timestamp.ClockDriftError) {
    const minutes = Math.max(1, Math.round((millis - Date.now()) / 60000));
    return new CodedError('sync.clockAhead', { minutes, device: device ?? 'local' });
  }
  return error;
}
