/**
 * The readable audit log (issue 14, item 7): search with names, CSV and PDF
 * exports of the filtered log. Each export writes its own audit row.
 */
import { AUDIT_EXPORT_MAX, type AuditFilter } from '../../../shared/api/methods/audit';
import { auditActionLabel, auditActor, auditCase, auditFields, auditSentence } from '../../../shared/audit/readable';
import { translator } from '../../../shared/i18n';
import type { Language } from '../../../shared/i18n/languages';
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
const filterDetails = (f: AuditFilter) => ({
  from: f.from ?? null,
  to: f.to ?? null,
  filterAction: f.action ?? null,
  filterActorId: f.actorId ?? null,
  filterCase: f.caseNumber ?? null,
});

function exportRows(db: Db, filter: AuditFilter) {
  const { rows } = searchAudit(db, { ...filter, limit: AUDIT_EXPORT_MAX + 1 });
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

  'audit.exportCsv': ({ services, session }, input) => {
    const db = services.vault.database;
    const filter = filterOf(input);
    const language: Language = input.language;
    const t = translator(language);
    const { rows, truncated } = exportRows(db, filter);
    const header = ['when', 'who', 'action', 'case', 'sentence', 'details'].map((c) => t(`admin.audit.csv.${c}`));
    const lines = [header.map(csvCell).join(';')];
    for (const row of rows) {
      const details = auditFields(row, t)
        .map(([label, value]) => `${label}: ${value}`)
        .join('; ');
      lines.push([formatDateTime(row.at, language), auditActor(row, t), auditActionLabel(row.action, t), auditCase(row) ?? '', auditSentence(row, t), details].map(csvCell).join(';'));
    }
    db.transaction(() =>
      appendAudit(db, {
        action: 'audit.exported',
        actorId: session!.userId,
        actorName: session!.username,
        at: services.now().toISOString(),
        details: { format: 'csv', rows: rows.length, ...filterDetails(filter) },
      }),
    )();
    return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, rows: rows.length, truncated };
  },

  'documents.auditLog': async (ctx, input) => {
    const db = ctx.services.vault.database;
    const filter = filterOf(input);
    const language: Language = input.language;
    const t = translator(language);
    const { rows, truncated } = exportRows(db, filter);
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
                  auditFields(row, t)
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
