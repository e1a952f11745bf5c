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
import {
  AuditEntry,
  BackupResult,
  BackupSchedule,
  DisplayName,
  IsoDate,
  Password,
  RoleSchema,
  SessionInfo,
  SetupInput,
  UserSummary,
  Username,
  VaultInfo,
} from './schemas/auth';

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
const Done = z.object({});
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

  // --- vault, set-up and sign-in ---
  'vault.info': { input: Empty, output: VaultInfo, access: 'public' },
  'setup.create': { input: SetupInput, output: z.object({ recoveryKey: z.string() }), access: 'public' },
  'auth.signIn': { input: z.object({ username: Username, password: Password }).strict(), output: SessionInfo, access: 'public' },
  'auth.session': { input: Empty, output: SessionInfo.nullable(), access: 'public' },
  'auth.signOut': { input: Empty, output: Done, access: 'session' },
  'auth.activity': { input: Empty, output: Done, access: 'session' },
  'auth.changePassword': { input: z.object({ current: Password, next: Password }).strict(), output: Done, access: 'session' },
  'auth.recover': {
    input: z.object({ recoveryKey: z.string().min(10).max(200), username: Username, newPassword: Password }).strict(),
    output: Done,
    access: 'public',
  },

  // --- users (admin) ---
  'users.list': { input: Empty, output: z.array(UserSummary), access: 'users:manage' },
  'users.create': {
    input: z.object({ username: Username, displayName: DisplayName, roles: z.array(RoleSchema).min(1), password: Password }).strict(),
    output: UserSummary,
    access: 'users:manage',
  },
  'users.update': {
    input: z
      .object({ id: z.string().uuid(), displayName: DisplayName.optional(), roles: z.array(RoleSchema).min(1).optional(), disabled: z.boolean().optional() })
      .strict(),
    output: UserSummary,
    access: 'users:manage',
  },
  'users.resetPassword': { input: z.object({ id: z.string().uuid(), password: Password }).strict(), output: Done, access: 'users:manage' },

  // --- audit ---
  'audit.list': {
    input: z
      .object({
        from: IsoDate.optional(),
        to: IsoDate.optional(),
        action: z.string().max(64).optional(),
        actorId: z.string().max(64).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        beforeSeq: z.number().int().positive().optional(),
      })
      .strict(),
    output: z.object({ rows: z.array(AuditEntry), actions: z.array(z.string()) }),
    access: 'audit:read',
  },
  'audit.verify': {
    input: Empty,
    output: z.object({ ok: z.boolean(), rows: z.number().int(), brokenAt: z.number().int().optional() }),
    access: 'audit:read',
  },

  // --- security settings and backups ---
  'security.setIdleMinutes': { input: z.object({ minutes: z.number().int().min(0).max(240) }).strict(), output: z.object({ idleMinutes: z.number().int() }), access: 'settings:write' },
  'backup.getSchedule': { input: Empty, output: BackupSchedule, access: 'vault:backup' },
  'backup.setSchedule': {
    input: z.object({ enabled: z.boolean(), folder: z.string().trim().max(1024), keep: z.number().int().min(1).max(365) }).strict(),
    output: BackupSchedule,
    access: 'settings:write',
  },
  'backup.run': { input: z.object({ jobId: z.string().max(64).optional() }).strict(), output: BackupResult, access: 'vault:backup' },
  'backup.restore': {
    input: z.object({ file: z.string().min(1).max(1024), password: Password, jobId: z.string().max(64).optional() }).strict(),
    output: z.object({ backupCreatedAt: z.string() }),
    access: 'vault:restore',
  },
  'jobs.cancel': { input: z.object({ jobId: z.string().max(64) }).strict(), output: z.object({ cancelled: z.boolean() }), access: 'session' },
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
