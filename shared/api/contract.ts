/**
 * Every method the renderer (or the CLI, or the dev server) may call, declared
 * once: its input and output schemas and who may call it. The router, the IPC
 * binding, the dev server, the renderer's client and the tests derive their
 * types from this object. Adding a method: declare it here; the compiler then
 * asks for its handler in electron/core/handlers.ts.
 */
import { z } from 'zod';
import type { Permission } from '../auth/permissions';
import { LANGUAGES } from '../i18n/languages';

/**
 * 'public'  — callable before sign-in (app info, language, set-up, sign-in).
 * 'session' — any signed-in user of an unlocked vault.
 * Permission — a signed-in user whose roles grant it.
 */
export type Access = 'public' | 'session' | Permission;

export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
  access: Access;
}

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

export const contract = {
  'app.info': { input: Empty, output: AppInfo, access: 'public' },
  'app.health': { input: Empty, output: Health, access: 'public' },
  'settings.get': { input: Empty, output: Settings, access: 'public' },
  'settings.setLanguage': {
    input: z.object({ language: Language }).strict(),
    output: Settings,
    access: 'public',
  },
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
