/**
 * The institution directory as CSV (issue 14): export for a spreadsheet, import
 * back. One header row of stable column names (below), then one row per
 * institution; UTF-8 with a byte-order mark, ';' separated, CRLF line ends.
 * Cells go through the stats CSV's neutraliseCell (a name starting with "="
 * prints as text), and an import undoes exactly that prefix, so a file exported
 * and imported again changes nothing.
 *
 * Import: a row with an `id` of an existing entry updates it; a row without id
 * updates the entry of the same (folded) name, or adds one. Every row is
 * checked first; any error (a row number, the column, a code) and nothing is
 * changed. The type may be its code or its Turkish or English label; services
 * are separated by "|" (service codes or free text).
 */
import { InstitutionUpsert, INSTITUTION_TYPES, type DirectoryImportResult, type Institution, type InstitutionType } from '../../../shared/api/schemas/referrals';
import { CodedError } from '../../../shared/api/envelope';
import { translator } from '../../../shared/i18n';
import { fold } from '../../../shared/text/turkish';
import type { Db } from '../db/open';
import { neutraliseCell } from '../stats/csv';
import { listInstitutions, upsertInstitution } from './institutionsRepo';

export const DIRECTORY_COLUMNS = ['id', 'name', 'type', 'address', 'phone', 'email', 'kep', 'contact_person', 'services', 'active'] as const;
type Column = (typeof DIRECTORY_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['name', 'type'];
export const MAX_IMPORT_ROWS = 5000;

export type ImportRowError = DirectoryImportResult['errors'][number];

const quote = (cell: string): string => {
  const text = neutraliseCell(cell);
  return /[";,\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function directoryCsv(institutions: Institution[]): string {
  const lines = [DIRECTORY_COLUMNS.join(';')];
  for (const i of institutions) {
    const cells: Record<Column, string> = {
      id: String(i.id),
      name: i.name,
      type: i.type,
      address: i.address ?? '',
      phone: i.phone ?? '',
      email: i.email ?? '',
      kep: i.kep ?? '',
      contact_person: i.contactPerson ?? '',
      services: i.services.join(' | '),
      active: i.active ? '1' : '0',
    };
    lines.push(DIRECTORY_COLUMNS.map((c) => quote(cells[c])).join(';'));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function exportDirectory(db: Db): { csv: string; rows: number } {
  const all = listInstitutions(db, { includeInactive: true, limit: 100_000 });
  return { csv: directoryCsv(all), rows: all.length };
}

/** RFC 4180 records (quotes, doubled quotes, separators and line breaks inside quotes); each with its first line number. */
export function parseCsv(text: string, separator: string): Array<{ line: number; cells: string[] }> {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line += 1;
        cell += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      start = line;
    } else cell += ch;
    i += 1;
  }
  if (cell !== '' || cells.length) endRecord();
  return records;
}

/** Undoes neutraliseCell: the apostrophe it put before a formula-like cell. */
const unneutralise = (cell: string): string => (cell.startsWith("'") && neutraliseCell(cell.slice(1)) === cell ? cell.slice(1) : cell);

function typeLookup(): Map<string, InstitutionType> {
  const map = new Map<string, InstitutionType>();
  for (const language of ['tr', 'en'] as const) {
    const t = translator(language);
    for (const type of INSTITUTION_TYPES) map.set(fold(t(`referrals.institutionType.${type}`)), type);
  }
  for (const type of INSTITUTION_TYPES) map.set(fold(type), type);
  return map;
}

const ACTIVE: Record<string, boolean> = { '1': true, '0': false, evet: true, hayir: false, yes: true, no: false, true: true, false: false, aktif: true, pasif: false, etkin: true };

export type ImportResult = DirectoryImportResult;

/** Checks every row, then applies all of them in the caller's transaction — or none (errors returned, nothing written). */
export function importDirectory(db: Db, csv: string, actor: string, now: string): ImportResult {
  const text = csv.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = [';', '\t', ','].map((s) => ({ s, n: firstLine.split(s).length })).sort((a, b) => b.n - a.n)[0]!.s;
  const records = parseCsv(text, separator);
  const fail = (errors: ImportRowError[]): ImportResult => ({ applied: false, created: 0, updated: 0, errors });
  if (records.length === 0) return fail([{ row: 1, column: null, code: 'empty' }]);
  const header = records[0]!.cells.map((h) => fold(unneutralise(h)).replace(/\s+/g, '_'));
  const index = new Map<Column, number>();
  DIRECTORY_COLUMNS.forEach((c) => {
    const at = header.indexOf(c);
    if (at >= 0) index.set(c, at);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) return fail(missing.map((column) => ({ row: records[0]!.line, column, code: 'missingColumns' as const })));
  const rows = records.slice(1);
  if (rows.length > MAX_IMPORT_ROWS) return fail([{ row: rows[MAX_IMPORT_ROWS]!.line, column: null, code: 'tooManyRows' }]);

  const types = typeLookup();
  const errors: ImportRowError[] = [];
  const existing = listInstitutions(db, { includeInactive: true, limit: 100_000 });
  const byId = new Map(existing.map((i) => [i.id, i]));
  const byName = new Map(existing.map((i) => [fold(i.name), i]));
  const seen = new Map<string, number>();
  const planned: Array<{ input: InstitutionUpsert; line: number }> = [];

  for (const { line, cells } of rows) {
    if (cells.length !== header.length) {
      errors.push({ row: line, column: null, code: 'columnCount' });
      continue;
    }
    const get = (c: Column): string => {
      const at = index.get(c);
      return at === undefined ? '' : unneutralise(cells[at] ?? '').trim();
    };
    const rowErrors: ImportRowError[] = [];
    const err = (column: Column, code: ImportRowError['code']) => rowErrors.push({ row: line, column, code });

    let target: Institution | undefined;
    const idText = get('id');
    if (idText) {
      target = /^\d+$/.test(idText) ? byId.get(Number(idText)) : undefined;
      if (!target) err('id', 'unknownId');
    }
    const name = get('name').replace(/\s+/g, ' ');
    if (!name) err('name', 'required');
    else {
      const folded = fold(name);
      if (seen.has(folded)) err('name', 'duplicateInFile');
      seen.set(folded, line);
      const sameName = byName.get(folded);
      if (!idText && sameName) target = sameName;
      else if (sameName && target && sameName.id !== target.id) err('name', 'duplicateName');
    }
    const typeText = get('type');
    const type = types.get(fold(typeText));
    if (!typeText) err('type', 'required');
    else if (!type) err('type', 'unknownType');
    const activeText = fold(get('active'));
    const active = activeText === '' ? (target?.active ?? true) : ACTIVE[activeText];
    if (active === undefined) err('active', 'invalid');
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    const services = index.has('services')
      ? get('services')
          .split('|')
          .map((s) => s.trim())
          .filter(Boolean)
      : (target?.services ?? []);
    const optional = (c: Column, current: string | null | undefined) => (index.has(c) ? get(c) || null : (current ?? null));
    const candidate = {
      ...(target ? { id: target.id, expectedVersion: target.version } : {}),
      name,
      type: type!,
      address: optional('address', target?.address),
      phone: optional('phone', target?.phone),
      email: optional('email', target?.email),
      kep: optional('kep', target?.kep),
      contactPerson: optional('contact_person', target?.contactPerson),
      services,
      active: active!,
    };
    const parsed = InstitutionUpsert.safeParse(candidate);
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')));
      for (const field of fields) {
        const column = (field === 'contactPerson' ? 'contact_person' : DIRECTORY_COLUMNS.find((c) => c === field) ?? null) as Column | null;
        const tooLong = parsed.error.issues.some((issue) => String(issue.path[0]) === field && issue.code === 'too_big');
        errors.push({ row: line, column, code: tooLong ? 'tooLong' : 'invalid' });
      }
      continue;
    }
    planned.push({ input: parsed.data, line });
  }
  if (errors.length) return fail(errors);

  let created = 0;
  let updated = 0;
  for (const { input, line } of planned) {
    const current = input.id !== undefined ? byId.get(input.id) : undefined;
    if (current && unchanged(current, input)) continue;
    try {
      const result = upsertInstitution(db, input, actor, now);
      if (result.created) created += 1;
      else updated += 1;
    } catch (error) {
      if (error instanceof CodedError && error.code === 'institutions.duplicateName') {
        errors.push({ row: line, column: 'name', code: 'duplicateName' });
        continue;
      }
      throw error;
    }
  }
  if (errors.length) throw new ImportRejected(errors);
  return { applied: true, created, updated, errors: [] };
}

/** Thrown inside the transaction to roll back an import that failed while applying. */
export class ImportRejected extends Error {
  constructor(readonly errors: ImportRowError[]) {
    super('directory import rejected');
  }
}

function unchanged(current: Institution, input: InstitutionUpsert): boolean {
  return (
    current.name === input.name &&
    current.type === input.type &&
    current.address === input.address &&
    current.phone === input.phone &&
    current.email === input.email &&
    current.kep === (input.kep ?? null) &&
    current.contactPerson === input.contactPerson &&
    current.active === input.active &&
    JSON.stringify(current.services) === JSON.stringify([...new Set(input.services)])
  );
}
