import { z } from 'zod';
import { UserTitle } from './office';
import { PERMISSIONS, ROLES } from '../../auth/permissions';

/** Policy (length, names, strength) is enforced in core so the error says which rule failed. */
export const Password = z.string().min(1).max(1024);
export const Username = z.string().trim().min(2).max(64).regex(/^[\p{L}\p{N}._-]+$/u);
export const DisplayName = z.string().trim().min(1).max(120);
export const RoleSchema = z.enum(ROLES);

export const SessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const SessionInfo = z.object({
  user: SessionUser,
  permissions: z.array(z.enum(PERMISSIONS)),
  mustChangePassword: z.boolean(),
  idleMinutes: z.number().int(),
  /** The office's province, district and printed name: the password forms' meter counts them as the office's name (core enforces it too). */
  officePlaces: z.array(z.string()).optional(),
  /** Administrators only: the last tampering a sign-in found (forged entries, bad grants, a replaced key). */
  securityAlert: z.object({ at: z.string(), forgedEntries: z.number().int(), badGrants: z.number().int(), keyReplaced: z.boolean() }).nullable().optional(),
  /** Administrators only: since when rotating the office key is recommended (a user was disabled). */
  rotationRecommended: z.object({ since: z.string(), reason: z.enum(['userDisabled', 'rotationInterrupted']) }).nullable().optional(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const VaultInfo = z.object({
  state: z.enum(['absent', 'locked', 'unlocked']),
  officeName: z.string().nullable(),
});

export const SetupInput = z
  .object({
    officeName: z.string().trim().min(1).max(200),
    username: Username,
    displayName: DisplayName,
    password: Password,
    /** The office's province (one of the 81, shared/geo/provinces.ts) and district (free text); optional. */
    province: z.string().trim().max(80).optional(),
    district: z.string().trim().max(80).optional(),
    /** Where the daily backup goes (on by default after set-up); absent: a "Kalkan Yedekler" folder beside the vault. */
    backupFolder: z.string().trim().max(1024).optional(),
  })
  .strict();

export const UserSummary = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
  /** Professional title printed under the user's signature (issue 15). */
  title: UserTitle.nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/);

export const BackupSchedule = z.object({
  enabled: z.boolean(),
  folder: z.string().max(1024),
  keep: z.number().int().min(1).max(365),
  lastAt: z.string().nullable(),
  lastFile: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type BackupSchedule = z.infer<typeof BackupSchedule>;

export const BackupResult = z.object({ file: z.string(), bytes: z.number().int(), createdAt: z.string() });
