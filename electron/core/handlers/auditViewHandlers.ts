/**
 * The readable audit log (issue 14, item 7): search with names, CSV and PDF
 * exports of the filtered log. Each export writes its own audit row.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { AuditDetails } from '../../../shared/api/auditDetailKeys';
import { AUDIT_EXPORT_MAX, type AuditFilter, type ReadableAuditEntry } from '../../../shared/api/methods/audit';
import { auditActionLabel, auditActor, auditCase, auditFields, auditSentence } from '../../../shared/audit/readable';
import { translator } from '../../../shared/i18n';
import type { Language } from '../../../shared/i18n/languages';
import { CodedError } from '../../../shared/api/envelope';
import { appendAudit } from '../audit/auditLog';
import { auditActors, searchAudit } from '../audit/auditView';
import type { Db } from '../db/open';
import { documentBlocks } from '../documents/blocks';
import { printDocument } from '../documents/documentService';
import { formatDateTime } from '../documents/format';
import type { Handlers } from '../router';
import { readMeta } from '../vault/vault';

const filterOf = (input: AuditFilter): AuditFilter => ({
  ...(input.from ? { from: input.from } : {}),
  ...(input.to ? { to: input.to } : {}),
  ...(input.action ? { action: input.action } : {}),
  ...(input.actorId ? { actorId: input.actorId } : {}),
  ...(input.caseNumber ? { caseNumber: input.caseNumber } : {}),
});

/** The filter as audit details: codes and ids only, never names. */
const filterDetails = (f: AuditFilter): AuditDetails => ({
  from: f.from ?? null,
  to: f.to ?? null,
  filterAction: f.action ?? null,
  filterActorId: f.actorId ?? null,
  filterCase: f.caseNumber ?? null,
});

/** Rows read (and names resolved) per step of an export; the core answers other requests between steps. */
export const AUDIT_EXPORT_PAGE = 50;

/**
 * The export's rows, newest first, read a page at a time with a turn of the event loop
 * between pages, so 10 000 rows with their names never hold the core thread for long.
 * Rows written meanwhile (seq above the newest at the start) are not included.
 * `onPage(rows so far)` may throw `job.cancelled`.
 */
async function exportRows(db: Db, filter: AuditFilter, onPage: (done: number) => void = () => undefined): Promise<{ rows: ReadableAuditEntry[]; truncated: boolean }> {
  const newest = (db.prepare('SELECT max(seq) AS seq FROM audit_log').get() as { seq: number | null }).seq ?? 0;
  const rows: ReadableAuditEntry[] = [];
  let beforeSeq = newest + 1;
  for (;;) {
    const limit = Math.min(AUDIT_EXPORT_PAGE, AUDIT_EXPORT_MAX + 1 - rows.length);
    const page = searchAudit(db, { ...filter, limit, beforeSeq }).rows;
    rows.push(...page);
    const last = page.at(-1);
    if (page.length < limit || rows.length > AUDIT_EXPORT_MAX || !last) break;
    beforeSeq = last.seq;
    onPage(rows.length);
    await yieldToLoop();
  }
  return { rows: rows.slice(0, AUDIT_EXPORT_MAX), truncated: rows.length > AUDIT_EXPORT_MAX };
}

const csvCell = (text: string): string => {
  let value = text;
  if (/^[=+\-@\t\r]/.test(value)) value = `'${value}`;
  return /[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
};

export const auditViewHandlers = {
  'audit.search': ({ services }, input) => {
    const db = services.vault.database;
    const { rows, unknownCase } = searchAudit(db, { ...filterOf(input), limit: input.limit, beforeSeq: input.beforeSeq });
    const actions = (db.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').all() as Array<{ action: string }>).map((r) => r.action);
    return { rows, actions, actors: auditActors(db), unknownCase };
  },

  /** A job (progress, cancel): rows a page at a time, then the lines a page at a time (AUDIT_EXPORT_PAGE). */
  'audit.exportCsv': ({ services, session }, input) =>
    services.jobs.run(async (job) => {
      const db = services.vault.database;
      const filter = filterOf(input);
      const language: Language = input.language;
      const t = translator(language);
      const { rows, truncated } = await exportRows(db, filter, (done) => job.progress(done, AUDIT_EXPORT_MAX, 'audit.step.read'));
      const header = ['when', 'who', 'action', 'case', 'sentence', 'details'].map((c) => t(`admin.audit.csv.${c}`));
      const lines = [header.map(csvCell).join(';')];
      for (const [index, row] of rows.entries()) {
        if (index > 0 && index % AUDIT_EXPORT_PAGE === 0) {
          job.progress(index, rows.length, 'audit.step.write');
          await yieldToLoop();
        }
        const details = auditFields(row, t, language)
          .map(([label, value]) => `${label}: ${value}`)
          .join('; ');
        lines.push([formatDateTime(row.at, language), auditActor(row, t), auditActionLabel(row.action, t), auditCase(row) ?? '', auditSentence(row, t), details].map(csvCell).join(';'));
      }
      // A lock while the job ran closed this connection: nothing is returned unaudited.
      if (services.vault.state() !== 'unlocked' || services.vault.database !== db) throw new CodedError('auth.locked');
      db.transaction(() =>
        appendAudit(db, {
          action: 'audit.exported',
          actorId: session!.userId,
          actorName: session!.username,
          at: services.now().toISOString(),
          details: { format: 'csv', rows: rows.length, ...filterDetails(filter) },
        }),
      )();
      job.progress(rows.length, rows.length, 'audit.step.done');
      return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, rows: rows.length, truncated };
    }, input.jobId),

  'documents.auditLog': async (ctx, input) => {
    const db = ctx.services.vault.database;
    const filter = filterOf(input);
    const language: Language = input.language;
    const t = translator(language);
    const { rows, truncated } = await exportRows(db, filter);
    const actorName = filter.actorId ? (db.prepare('SELECT display_name AS n FROM users WHERE id = ?').get(filter.actorId) as { n: string } | undefined)?.n : undefined;
    const office = readMeta(db).officeName;
    return printDocument(
      ctx,
      { kind: 'auditLog', language, title: t('admin.audit.pdf.title'), password: input.password, jobId: input.jobId },
      () => {
        const b = documentBlocks(language);
        const k = (key: string) => t(`admin.audit.pdf.${key}`);
        const criteria: Array<[string, string | null]> = [
          [k('office'), office],
          [t('admin.audit.from'), filter.from ? formatDateTime(filter.from, language) : null],
          [t('admin.audit.to'), filter.to ? formatDateTime(filter.to, language) : null],
          [t('admin.audit.caseFilter'), filter.caseNumber ?? null],
          [t('admin.audit.userFilter'), actorName ?? null],
          [t('admin.audit.action'), filter.action ? auditActionLabel(filter.action, t) : null],
          [k('rows'), truncated ? t('admin.audit.pdf.truncated', { count: rows.length }) : String(rows.length)],
        ];
        return {
          pageOrientation: 'landscape',
          content: [
            ...b.section(k('criteria'), [b.keyValue(criteria)]),
            ...b.section(k('entries'), [
              b.table({
                columns: [
                  { header: t('admin.audit.when'), width: 86 },
                  { header: t('admin.audit.what'), width: '*' },
                  { header: t('admin.audit.details'), width: 220 },
                ],
                rows: rows.map((row) => [
                  formatDateTime(row.at, language),
                  auditSentence(row, t),
                  auditFields(row, t, language)
                    .map(([label, value]) => `${label}: ${value}`)
                    .join('\n') || null,
                ]),
                emptyText: t('admin.audit.empty'),
              }),
            ]),
          ],
        };
      },
    );
  },
} satisfies Partial<Handlers>;
