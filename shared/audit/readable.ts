/**
 * The audit log as a supervisor reads it: each row as a sentence in the
 * reader's language ("Ayşe Yıldırım opened case 2026/0025 (Elif Öztürk)") and
 * its details as labelled fields. Shared by the screen, the CSV and the PDF.
 */
import type { TFunction } from 'i18next';
import type { AuditDetailKey } from '../api/auditDetailKeys';
import type { ReadableAuditEntry } from '../api/methods/audit';
import { DEFAULT_LANGUAGE, isLanguage, LOCALE } from '../i18n/languages';
import { isDayString, parseDay } from '../time/localDays';

/** Detail keys that are internal links or repeats, not facts a reader needs (the case is named in the sentence). */
const HIDDEN = new Set<string>([
  'caseId',
  'householdId',
  'sha256',
  'intakeId',
  'noteId',
  'goalId',
  'actionId',
  'taskId',
  'serviceId',
  'memberId',
  'personId',
  'flagId',
  'requestId',
  'hearingId',
  'handoverNoteId',
  'annexIds',
  // the same limit as maxMb, in bytes
  'maxBytes',
  // a transfer's internal id: the other office is named by its fingerprint, the case by its number
  'transferId',
] satisfies AuditDetailKey[]);

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

/** Detail keys holding user ids (comma-separated for several): the view shows display names (`detailNames`). */
const USER_KEYS = new Set<string>(['visitor', 'covered', 'cover', 'colleague', 'caseworkerId', 'filterActorId', 'coWorkers']);

/**
 * The detail keys of a row whose values the core resolves to names when it reads the log
 * (auditView.ts): user ids to display names, an institution id to its name, case ids to case numbers.
 */
export function namedDetail(action: string, key: string): 'user' | 'institution' | 'case' | 'service' | null {
  if (USER_KEYS.has(key) || (action === 'case.assigned' && (key === 'from' || key === 'to'))) return 'user';
  if (key === 'institutionId') return 'institution';
  if (key === 'parallelTo') return 'case';
  if (key === 'service') return 'service';
  return null;
}

const localeOf = (language: string): string => LOCALE[isLanguage(language) ? language : DEFAULT_LANGUAGE];

/** A byte count as the reader reads it: "512 B", "12,5 KB", "3,2 MB". */
export function formatBytes(bytes: number, language: string): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}

/** An instant in the machine's time zone, or a local day (YYYY-MM-DD) as it is. */
function formatWhen(value: string, language: string): string {
  if (isDayString(value)) return new Intl.DateTimeFormat(localeOf(language), { day: '2-digit', month: '2-digit', year: 'numeric' }).format(parseDay(value));
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  return new Intl.DateTimeFormat(localeOf(language), { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(at);
}

/** Each code of a comma-separated list through its label. */
const eachLabel = (value: string, label: (code: string) => string): string =>
  value
    .split(',')
    .filter(Boolean)
    .map((code) => label(code))
    .join(', ') || '—';

function fieldValue(row: ReadableAuditEntry, key: string, value: string | number | boolean | null, t: TFunction, language: string): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('audit.value.yes') : t('audit.value.no');
  const named = row.detailNames?.[key];
  if (named) return typeof named === 'string' ? named : named[language === 'en' ? 'en' : 'tr'];
  const action = row.action;
  const text = String(value);
  const label = (prefix: string, code: string = text) => t(`${prefix}.${code}`, { defaultValue: code });
  switch (key) {
    case 'bytes':
    case 'size':
    case 'maxBytes':
      return typeof value === 'number' ? formatBytes(value, language) : text;
    case 'maxMb':
      return `${text} MB`;
    case 'backupCreatedAt':
    case 'replyDueOn':
      return formatWhen(text, language);
    case 'from':
    case 'to':
      if (action === 'audit.exported' || action === 'cover.granted') return formatWhen(text, language);
      if (action.startsWith('referral.')) return label('referrals.state');
      if (action === 'court.complianceUpdated') return label('court.compliance');
      if (action === 'case.statusChanged') return label('cases.status');
      return t(`audit.value.${text}`, { defaultValue: text });
    case 'status':
      if (action.startsWith('court.')) return label('court.hearingStatus');
      return t(`audit.value.${text}`, { defaultValue: text });
    case 'computed':
    case 'final':
    case 'level':
    case 'format':
      return t(`audit.value.${text}`, { defaultValue: text });
    case 'kind':
      if (action.startsWith('attachment.')) return text.toUpperCase();
      if (action.startsWith('court.')) return label('court.orderKind');
      if (action.startsWith('visit.')) return label('calendar.kind');
      return t(`documents.kind.${text}`, { defaultValue: t(`cases.flag.${text}`, { defaultValue: text }) });
    case 'flag':
      return label('cases.flag');
    case 'role':
      return t(`roles.member.${text}`, { defaultValue: t(`roles.${text}`, { defaultValue: text }) });
    case 'type':
      if (action.startsWith('institution.')) return label('referrals.institutionType');
      return label('notes.type');
    case 'roles':
      return eachLabel(text, (r) => label('roles', r));
    case 'flags':
      return eachLabel(text, (f) => label('cases.flag', f));
    case 'fields':
      return eachLabel(text, (f) => t(`audit.value.field.${f}`, { defaultValue: t(`person.${f}`, { defaultValue: f }) }));
    case 'field':
      return t(`audit.value.field.${text}`, { defaultValue: t(`person.${text}`, { defaultValue: text }) });
    case 'sections':
      return eachLabel(text, (c) => (action.startsWith('referral.') ? label('referrals.section', c) : label('transfers.section', c)));
    case 'urgency':
      return label('referrals.urgency');
    case 'language':
      return label('app.languageName');
    case 'link':
      return label('attachments.linkKind');
    case 'source':
      return label('audit.value.taskSource');
    case 'reason':
      return action === 'auth.lock' ? label('audit.value.lockReason') : text;
    case 'problem':
      return label('cli.verify.anchorProblem');
    case 'keep':
      return typeof value === 'number' ? text : label('audit.value.keep');
    case 'filterAction':
      return auditActionLabel(text, t);
    default:
      return text;
  }
}

/** A detail's label; `from`/`to` of a period (a cover, an export's filter) read as its first and last day, elsewhere as before/after. */
function fieldLabel(action: string, key: string, t: TFunction): string {
  if ((key === 'from' || key === 'to') && (action === 'cover.granted' || action === 'audit.exported')) return t(`audit.label.period.${key}`);
  return t(`audit.field.${key}`, { defaultValue: t('audit.field.other') });
}

/**
 * The row's details as [label, value] pairs, internal ids left out. Every key has its label
 * (`audit.field.<key>`, AUDIT_DETAIL_KEYS); a key outside the list (a row written by an older
 * version) shows under a neutral label, never as the raw key.
 */
export function auditFields(row: ReadableAuditEntry, t: TFunction, language: string = 'tr'): Array<[string, string]> {
  return Object.entries(row.details)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => [fieldLabel(row.action, key, t), fieldValue(row, key, value, t, language)]);
}
