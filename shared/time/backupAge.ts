/**
 * The dashboard's backup warning for administrators (issue 14, item 6): none
 * yet, or the last good backup older than two days. Pure: the caller passes `now`.
 */
export const BACKUP_WARN_AFTER_MS = 2 * 24 * 60 * 60 * 1000;

export type BackupWarning = { kind: 'never' } | { kind: 'stale'; days: number; lastAt: string };

/** `lastAt`: the last successful backup (ISO instant), or null. */
export function backupWarning(lastAt: string | null, now: Date): BackupWarning | null {
  if (!lastAt) return { kind: 'never' };
  const at = Date.parse(lastAt);
  if (Number.isNaN(at)) return { kind: 'never' };
  const age = now.getTime() - at;
  if (age <= BACKUP_WARN_AFTER_MS) return null;
  return { kind: 'stale', days: Math.floor(age / (24 * 60 * 60 * 1000)), lastAt };
}
