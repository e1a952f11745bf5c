/**
 * The core host's message protocol: what crosses between a host's owner
 * (Electron main, the browser harness, a bench) and the thread that runs the
 * core (`worker.ts`, or `runtime.ts` inline). Plain data only (structured clone).
 *
 * Every message to the core carries a number; the core answers each with one
 * `done` of the same number (for a request: the router's envelope). Events
 * (job progress, lock, idle warning) and log records flow the other way at any time.
 */
import type { Envelope } from '../../../shared/api/envelope';
import type { EventMap, EventName } from '../../../shared/api/events';
import type { LogFields } from '../log';
import type { ScryptParams } from '../vault/kdf';
import type { LockReason } from '../vault/vault';

/** Who asks: one number per window / harness page; its session lives in the core thread. */
export type ClientId = number;

export type ToCore =
  | { kind: 'request'; id: number; client: ClientId; method: unknown; input: unknown }
  /** Cancels a running job (same as the `jobs.cancel` method, without a session). */
  | { kind: 'cancel'; id: number; jobId: string }
  /** OS events: sleep, screen lock, a crashed renderer. */
  | { kind: 'lock'; id: number; reason: LockReason }
  /** One run of the host timer now (idle warning/lock, scheduled backup). */
  | { kind: 'tick'; id: number }
  /** A window closed: forget its session. */
  | { kind: 'closeClient'; id: number; client: ClientId }
  /** Lock the vault ('shutdown'), stop the timers, answer, then stop listening. */
  | { kind: 'shutdown'; id: number };

export type FromCore =
  | { kind: 'ready' }
  | { kind: 'done'; id: number; envelope?: Envelope<unknown> }
  | { kind: 'event'; event: EventName; payload: EventMap[EventName] }
  | { kind: 'log'; level: 'info' | 'warn' | 'error'; event: string; fields?: LogFields }
  /** The core could not start (no data: the error's name only). */
  | { kind: 'failed'; reason: string };

/** What the worker receives at start (everything serialisable: no functions). */
export interface HostConfig {
  dataDir: string;
  vaultPath?: string;
  platform?: string;
  validateOutput?: boolean;
  /** The SQLite addon built for Electron's ABI; the worker opens the vault with it. */
  nativeBinding?: string;
  /** Tests only: a cheaper key derivation. */
  kdf?: ScryptParams;
  /** Host timer period (idle lock, scheduled backup); default 15 s. */
  tickMs?: number;
}

/** A method slower than this is logged (name and milliseconds only). */
export const SLOW_METHOD_MS = 100;
export const DEFAULT_TICK_MS = 15_000;
