/** Application-level methods: info, health, workstation settings, jobs. */
import { z } from 'zod';
import { LANGUAGES } from '../../i18n/languages';
import type { MethodSpec } from '../contract';

const Empty = z.object({}).strict();
const Language = z.enum(LANGUAGES);

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** Schema version of the database this build writes. */
  schemaVersion: z.number().int(),
  platform: z.string(),
});

export const Health = z.object({
  status: z.literal('ok'),
  vault: z.enum(['absent', 'locked', 'unlocked']),
  signedIn: z.boolean(),
});

export const Settings = z.object({
  language: Language,
});

export const appMethods = {
  'app.info': { input: Empty, output: AppInfo, access: 'public', scope: 'none' },
  'app.health': { input: Empty, output: Health, access: 'public', scope: 'none' },
  'settings.get': { input: Empty, output: Settings, access: 'public', scope: 'none' },
  'settings.setLanguage': {
    input: z.object({ language: Language }).strict(),
    output: Settings,
    access: 'public',
    scope: 'none',
  },

  'jobs.cancel': { input: z.object({ jobId: z.string().max(64) }).strict(), output: z.object({ cancelled: z.boolean() }), access: 'session', scope: 'none' },
} as const satisfies Record<string, MethodSpec>;
