/**
 * The audit log as a supervisor reads it: each row as a sentence in the
 * reader's language ("Ayşe Yıldırım opened case 2026/0025 (Elif Öztürk)") and
 * its details as labelled fields. Shared by the screen, the CSV and the PDF.
 */
import type { TFunction } from 'i18next';
import type { ReadableAuditEntry } from '../api/methods/audit';

/** Detail keys that are internal links, not facts a reader needs (the case is named in the sentence). */
const HIDDEN = new Set(['caseId', 'householdId', 'sha256', 'intakeId', 'noteId', 'goalId', 'actionId', 'taskId', 'serviceId', 'memberId', 'personId', 'flagId']);

export function auditActor(row: ReadableAuditEntry, t: TFunction): string {
  return row.actorDisplayName ?? row.actorName ?? t('audit.system');
}

export function auditCase(row: ReadableAuditEntry): string | null {
  if (!row.caseNumber) return null;
  return row.caseName ? `${row.caseNumber} (${row.caseName})` : row.caseNumber;
}

export function auditActionLabel(action: string, t: TFunction): string {
  return t(`audit.action.${action}`, { defaultValue: t('audit.unknownAction') });
}

export function auditSentence(row: ReadableAuditEntry, t: TFunction): string {
  const params = { actor: auditActor(row, t), case: auditCase(row) ?? '', target: row.targetName ?? '', action: auditActionLabel(row.action, t) };
  const specific = `audit.sentence.${row.action}`;
  if (t(specific, { defaultValue: '' })) return t(specific, params);
  return params.case ? t('audit.sentence.genericCase', params) : t('audit.sentence.generic', params);
}

function fieldValue(key: string, value: string | number | boolean | null, t: TFunction): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('audit.value.yes') : t('audit.value.no');
  if (['computed', 'final', 'level', 'from', 'to', 'status', 'format'].includes(key)) return t(`audit.value.${value}`, { defaultValue: String(value) });
  if (key === 'kind') return t(`documents.kind.${value}`, { defaultValue: t(`cases.flag.${value}`, { defaultValue: String(value) }) });
  if (key === 'role') return t(`roles.member.${value}`, { defaultValue: t(`roles.${value}`, { defaultValue: String(value) }) });
  if (key === 'type') return t(`notes.type.${value}`, { defaultValue: String(value) });
  if (key === 'roles') return String(value).split(',').filter(Boolean).map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ');
  if (key === 'flags') return String(value).split(',').filter(Boolean).map((f) => t(`cases.flag.${f}`, { defaultValue: f })).join(', ') || '—';
  return String(value);
}

/** The row's details as [label, value] pairs, internal ids left out. */
export function auditFields(row: ReadableAuditEntry, t: TFunction): Array<[string, string]> {
  return Object.entries(row.details)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => [t(`audit.field.${key}`, { defaultValue: key }), fieldValue(key, value, t)]);
}
