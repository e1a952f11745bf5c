/**
 * Builds the services and the router for one host process. Electron main, the
 * dev server and the CLI all call this, so they share one code path.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { handlers } from './handlers';
import { JobRegistry } from './jobs';
import { createLogger, type Logger } from './log';
import { createRouter, type Router } from './router';
import type { CoreServices } from './services';
import { SettingsStore } from './settings';
import { APP_VERSION } from './version';

export interface CoreOptions {
  /** Folder for workstation files (settings). Case data lives only in the vault. */
  dataDir: string;
  /** The vault file this workstation uses. */
  vaultPath?: string;
  log?: Logger;
  platform?: string;
  validateOutput?: boolean;
}

export interface Core {
  services: CoreServices;
  router: Router;
}

export function createCore(options: CoreOptions): Core {
  const vaultPath = options.vaultPath ?? join(options.dataDir, 'kalkan.db');
  const services: CoreServices = {
    host: { version: APP_VERSION, platform: options.platform ?? process.platform },
    settings: new SettingsStore(join(options.dataDir, 'settings.json')),
    jobs: new JobRegistry(),
    log: options.log ?? createLogger(),
    vault: { status: () => (existsSync(vaultPath) ? 'locked' : 'absent') },
  };
  const routerOptions = options.validateOutput === undefined ? {} : { validateOutput: options.validateOutput };
  return { services, router: createRouter(services, handlers, routerOptions) };
}
