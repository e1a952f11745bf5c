/** Vault, set-up, sign-in, users, audit, security settings and backups. */
import { z } from 'zod';
import type { MethodSpec } from '../contract';
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
} from '../schemas/auth';
import { UserTitle } from '../schemas/office';

const Empty = z.object({}).strict();
const Done = z.object({});

export const vaultMethods = {
  // --- vault, set-up and sign-in ---
  'vault.info': { input: Empty, output: VaultInfo, access: 'public', scope: 'none' },
  /** `sheetToken`: lets this set-up screen print the recovery sheet (documents.recoverySheet). */
  'setup.create': { input: SetupInput, output: z.object({ recoveryKey: z.string(), sheetToken: z.string().optional() }), access: 'public', scope: 'none' },
  'auth.signIn': { input: z.object({ username: Username, password: Password }).strict(), output: SessionInfo, access: 'public', scope: 'none' },
  'auth.session': { input: Empty, output: SessionInfo.nullable(), access: 'public', scope: 'none' },
  'auth.signOut': { input: Empty, output: Done, access: 'session', scope: 'none' },
  'auth.activity': { input: Empty, output: Done, access: 'session', scope: 'none' },
  'auth.changePassword': { input: z.object({ current: Password, next: Password }).strict(), output: Done, access: 'session', scope: 'none' },
  'auth.recover': {
    input: z.object({ recoveryKey: z.string().min(10).max(200), username: Username, newPassword: Password }).strict(),
    output: Done,
    access: 'public',
    scope: 'none',
  },

  // --- users (admin) ---
  'users.list': { input: Empty, output: z.array(UserSummary), access: 'users:manage', scope: 'none' },
  'users.create': {
    input: z.object({ username: Username, displayName: DisplayName, roles: z.array(RoleSchema).min(1), password: Password }).strict(),
    output: UserSummary,
    access: 'users:manage',
    scope: 'none',
  },
  'users.update': {
    input: z
      .object({
        id: z.string().uuid(),
        displayName: DisplayName.optional(),
        roles: z.array(RoleSchema).min(1).optional(),
        /** The professional title printed under the user's signature; null clears it. */
        title: UserTitle.nullable().optional(),
        disabled: z.boolean().optional(),
      })
      .strict(),
    output: UserSummary,
    access: 'users:manage',
    scope: 'none',
  },
  'users.resetPassword': { input: z.object({ id: z.string().uuid(), password: Password }).strict(), output: Done, access: 'users:manage', scope: 'none' },

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
    scope: 'office',
  },
  'audit.verify': {
    input: Empty,
    output: z.object({
      ok: z.boolean(),
      rows: z.number().int(),
      brokenAt: z.number().int().optional(),
      /** Per-user row signatures (issue 13): rows not signed by the actor they name, the first 100 listed. */
      signatures: z.object({
        ok: z.boolean(),
        boundaryOk: z.boolean(),
        legacyRows: z.number().int(),
        failedRows: z.number().int(),
        problems: z.array(
          z.object({ seq: z.number().int(), actor: z.string().nullable(), problem: z.enum(['unsigned', 'unknownKey', 'uncertifiedKey', 'otherUsersKey', 'badSignature']) }),
        ),
      }),
    }),
    access: 'audit:read',
    scope: 'office',
  },

  // --- security settings and backups ---
  'security.setIdleMinutes': { input: z.object({ minutes: z.number().int().min(1).max(60) }).strict(), output: z.object({ idleMinutes: z.number().int() }), access: 'settings:write', scope: 'none' },
  'backup.getSchedule': { input: Empty, output: BackupSchedule, access: 'vault:backup', scope: 'none' },
  'backup.setSchedule': {
    input: z.object({ enabled: z.boolean(), folder: z.string().trim().max(1024), keep: z.number().int().min(1).max(365) }).strict(),
    output: BackupSchedule,
    access: 'settings:write',
    scope: 'none',
  },
  'backup.run': { input: z.object({ jobId: z.string().max(64).optional() }).strict(), output: BackupResult, access: 'vault:backup', scope: 'office' },
  /**
   * Rotates the office key (issue 13, SECURITY.md): a new database key and recovery key; every
   * active user keeps her password. `recoveryKey` is shown once; `sheetToken` prints its sheet
   * (documents.recoverySheet). `needPassword`: active users whose entry could not be rewrapped.
   */
  'vault.rotate': {
    input: z.object({ jobId: z.string().max(64).optional() }).strict(),
    output: z.object({ recoveryKey: z.string(), sheetToken: z.string(), rewrapped: z.number().int(), dropped: z.number().int(), needPassword: z.array(z.string()) }),
    access: 'users:manage',
    scope: 'none',
  },
  'backup.restore': {
    input: z
      .object({ file: z.string().min(1).max(1024), password: Password, jobId: z.string().max(64).optional(), otherOffice: z.string().min(8).max(36).optional() })
      .strict(),
    output: z.object({ backupCreatedAt: z.string() }),
    access: 'vault:restore',
    scope: 'office',
  },
} as const satisfies Record<string, MethodSpec>;
