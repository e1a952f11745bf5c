/**
 * The handler for every contract method. The `Handlers` type makes the compiler
 * refuse a contract method without a handler here.
 */
import type { Handlers } from './router';
import { SCHEMA_VERSION } from './schemaVersion';

export const handlers: Handlers = {
  'app.info': ({ services }) => ({
    name: 'Kalkan',
    version: services.host.version,
    schemaVersion: SCHEMA_VERSION,
    platform: services.host.platform,
  }),
  'app.health': ({ services, client }) => ({
    status: 'ok',
    vault: services.vault.status(),
    signedIn: client.session !== null,
  }),
  'settings.get': ({ services }) => services.settings.get(),
  'settings.setLanguage': ({ services }, input) => services.settings.update({ language: input.language }),
};
