/**
 * Writes the statistics CSV to a path on this computer (chosen in the app as a
 * full path, like the backup folder, or given to the CLI): an absolute path
 * ending in .csv in an existing folder; an existing file only with
 * `overwrite`. Written to a temporary file beside it and renamed, so a crash
 * never leaves half a file. Audited as `stats.exported` (period, filter and
 * threshold; no file name, no figures).
 */
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CodedError } from '../../../shared/api/envelope';
import type { CsvSeparator, StatsPeriod } from '../../../shared/api/schemas/stats';
import type { Language } from '../../../shared/i18n/languages';
import { appendAudit } from '../audit/auditLog';
import type { Db } from '../db/open';
import { formatDateTime } from '../documents/format';
import { readMeta } from '../vault/vault';
import { statsCsv } from './csv';

export interface CsvTarget {
  path: string;
  separator: CsvSeparator;
  language: Language;
  overwrite: boolean;
}

export function checkCsvPath(path: string, overwrite: boolean): void {
  if (!isAbsolute(path) || extname(path).toLowerCase() !== '.csv') throw new CodedError('stats.csvPathInvalid', { field: 'path' });
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new CodedError('stats.folderMissing', { field: 'path' });
  if (existsSync(path) && !overwrite) throw new CodedError('stats.fileExists', { field: 'path' });
}

export function writeStatsCsv(db: Db, actor: { userId: string; username: string }, stats: StatsPeriod, target: CsvTarget, now: Date): { path: string; bytes: number; rows: number } {
  checkCsvPath(target.path, target.overwrite);
  const { text, rows } = statsCsv(stats, {
    language: target.language,
    separator: target.separator,
    officeName: readMeta(db).officeName,
    generatedAt: formatDateTime(now, target.language),
  });
  const bytes = Buffer.from(text, 'utf8');
  const temp = join(dirname(target.path), `.${basename(target.path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, bytes, { flag: 'wx', mode: 0o600 });
    // The file appears only once its export is in the audit log.
    db.transaction(() => {
      appendAudit(db, {
        action: 'stats.exported',
        actorId: actor.userId,
        actorName: actor.username,
        targetType: 'statistics',
        targetId: `${stats.period.from}/${stats.period.to}`,
        details: { format: 'csv', caseworkerId: stats.caseworker?.id ?? null, suppressBelow: stats.suppressBelow, rows },
      });
    })();
    renameSync(temp, target.path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error instanceof CodedError ? error : new CodedError('stats.writeFailed', { field: 'path' });
  }
  return { path: target.path, bytes: bytes.length, rows };
}
