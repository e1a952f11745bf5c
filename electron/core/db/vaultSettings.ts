/** Office-wide settings stored inside the vault (encrypted), as JSON values with defaults. */
import { z } from 'zod';
import { ATTACHMENT_DEFAULT_MAX_MB, ATTACHMENT_MAX_MB_CEILING } from '../../../shared/api/schemas/attachments';
import { EMPTY_OFFICE, OfficeLogo, OfficeProfile } from '../../../shared/api/schemas/office';
import type { Db } from './open';

const DEFINITIONS = {
  // 1–60 minutes: the lock cannot be turned off or stretched past an hour (a value stored before falls back to 10).
  idleMinutes: { schema: z.number().int().min(1).max(60), fallback: 10 },
  /** The last tampering an administrator's sign-in found (issue 13), shown on the dashboard until dismissed. */
  securityAlert: {
    schema: z.object({ at: z.string(), forgedEntries: z.number().int(), badGrants: z.number().int(), keyReplaced: z.boolean() }).nullable(),
    fallback: null,
  },
  /** Since when (and why) an administrator is advised to rotate the office key (vault.rotate clears it). */
  rotationRecommended: {
    schema: z.object({ since: z.string(), reason: z.enum(['userDisabled', 'rotationInterrupted']) }).nullable(),
    fallback: null,
  },
  backupSchedule: {
    schema: z.object({
      enabled: z.boolean(),
      folder: z.string(),
      keep: z.number().int().min(1),
      lastAt: z.string().nullable(),
      lastFile: z.string().nullable(),
      lastError: z.string().nullable(),
    }),
    fallback: { enabled: false, folder: '', keep: 14, lastAt: null, lastFile: null, lastError: null },
  },
  /** The office's letterhead, province and district (issue 15; electron/core/office/officeService.ts). */
  office: { schema: OfficeProfile, fallback: EMPTY_OFFICE },
  /** The letterhead's logo, apart (it is large) so reading the office's fields stays cheap. */
  officeLogo: { schema: OfficeLogo.nullable(), fallback: null },
  /** The per-file limit of attachments in MB (issue 17), set by an admin. */
  attachmentMaxMb: { schema: z.number().int().min(1).max(ATTACHMENT_MAX_MB_CEILING), fallback: ATTACHMENT_DEFAULT_MAX_MB },
} as const;

type Definitions = typeof DEFINITIONS;
export type VaultSettingKey = keyof Definitions;
export type VaultSettingValue<K extends VaultSettingKey> = z.infer<Definitions[K]['schema']>;

export function getVaultSetting<K extends VaultSettingKey>(db: Db, key: K): VaultSettingValue<K> {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  const definition = DEFINITIONS[key];
  if (!row) return definition.fallback as VaultSettingValue<K>;
  const parsed = definition.schema.safeParse(JSON.parse(row.value));
  return (parsed.success ? parsed.data : definition.fallback) as VaultSettingValue<K>;
}

export function setVaultSetting<K extends VaultSettingKey>(db: Db, key: K, value: VaultSettingValue<K>): void {
  const checked = DEFINITIONS[key].schema.parse(value);
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(checked));
}
