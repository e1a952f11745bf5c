/**
 * Builds the services and the router for one host process. Electron main, the
 * dev server and the CLI all call this, so they share one code path.
 */
import { join } from 'node:path';
import { EventBus } from './events';
import { handlers } from './handlers';
import { JobRegistry } from './jobs';
import { createLogger, type Logger } from './log';
import { createRouter, type Router } from './router';
import type { CoreServices } from './services';
import { SettingsStore } from './settings';
import { IdleTimer } from './vault/idleTimer';
import type { ScryptParams } from './vault/kdf';
import { Vault } from './vault/vault';
import { APP_VERSION } from './version';

export interface CoreOptions {
  /** Folder for workstation files (settings) and, by default, the vault. */
  dataDir: string;
  /** The vault file this workstation uses (default: dataDir/kalkan.db). */
  vaultPath?: string;
  log?: Logger;
  platform?: string;
  validateOutput?: boolean;
  nativeBinding?: string;
  /** Tests only: a cheaper key derivation. */
  kdf?: ScryptParams;
  now?: () => Date;
  /** Statistics in a job worker on a copy of the frozen file (the core host sets it). */
  offThread?: boolean;
}

export interface Core {
  services: CoreServices;
  router: Router;
}

export function createCore(options: CoreOptions): Core {
  const now = options.now ?? (() => new Date());
  const events = new EventBus();
  const jobs = new JobRegistry();
  jobs.onProgress((progress) => events.emit('job.progress', progress));
  const services: CoreServices = {
    host: { version: APP_VERSION, platform: options.platform ?? process.platform },
    settings: new SettingsStore(join(options.dataDir, 'settings.json')),
    jobs,
    log: options.log ?? createLogger(),
    events,
    vault: new Vault(options.vaultPath ?? join(options.dataDir, 'kalkan.db'), {
      ...(options.kdf ? { kdf: options.kdf } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      now,
    }),
    idle: new IdleTimer(10, now().getTime()),
    lockEpoch: { value: 0 },
    now,
    offThread: options.offThread ?? false,
  };
  const routerOptions = options.validateOutput === undefined ? {} : { validateOutput: options.validateOutput };
  return { services, router: createRouter(services, handlers, routerOptions) };
}
