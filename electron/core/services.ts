/**
 * Everything a handler may use, built once per process by the host (Electron
 * main, dev server, CLI). Core never knows which host it runs in.
 */
import type { JobRegistry } from './jobs';
import type { Logger } from './log';
import type { SettingsStore } from './settings';

export type VaultStatus = 'absent' | 'locked' | 'unlocked';

export interface VaultPort {
  status(): VaultStatus;
}

export interface HostInfo {
  version: string;
  platform: string;
}

export interface CoreServices {
  host: HostInfo;
  settings: SettingsStore;
  jobs: JobRegistry;
  log: Logger;
  vault: VaultPort;
}
