/**
 * Everything a handler may use, built once per process by the host (Electron
 * main, dev server, CLI). Core never knows which host it runs in.
 */
import type { EventBus } from './events';
import type { JobRegistry } from './jobs';
import type { Logger } from './log';
import type { SettingsStore } from './settings';
import type { IdleTimer } from './vault/idleTimer';
import type { Vault } from './vault/vault';

export interface HostInfo {
  version: string;
  platform: string;
}

export interface CoreServices {
  host: HostInfo;
  settings: SettingsStore;
  jobs: JobRegistry;
  log: Logger;
  events: EventBus;
  vault: Vault;
  idle: IdleTimer;
  /**
   * Bumped on every lock. A session remembers the epoch it signed in under, so
   * every client's session ends with the lock without a registry of clients.
   */
  lockEpoch: { value: number };
  now: () => Date;
  /**
   * Long reads (statistics) run in a job worker on a copy of the frozen file, so the
   * core thread keeps answering: set by the core host; the CLI and unit tests compute in-thread.
   */
  offThread: boolean;
}
