import type { Handlers } from '../router';
import { SCHEMA_VERSION } from '../schemaVersion';

export const appHandlers = {
  'app.info': ({ services }) => ({
    name: 'Kalkan',
    version: services.host.version,
    schemaVersion: SCHEMA_VERSION,
    platform: services.host.platform,
  }),
  'app.health': ({ services, client }) => ({
    status: 'ok',
    vault: services.vault.state(),
    signedIn: client.session !== null && client.session.epoch === services.lockEpoch.value,
  }),
  'settings.get': ({ services }) => services.settings.get(),
  'settings.setLanguage': ({ services }, input) => services.settings.update({ language: input.language }),
  'jobs.cancel': ({ services }, input) => ({ cancelled: services.jobs.cancel(input.jobId) }),
} satisfies Partial<Handlers>;
