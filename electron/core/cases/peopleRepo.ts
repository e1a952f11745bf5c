/**
 * People: one row per person, whatever number of cases they appear in. Owns
 * the SQL of `people` and `people_fts`. Names are stored as typed plus their
 * folded forms (search, duplicates) and a Turkish sort key.
 */
import { CodedError } from '../../../shared/api/envelope';
import type { Person, PersonInput, PersonPatch } from '../../../shared/api/schemas/cases';
import { fold, isValidTcKimlik, sortKey } from '../../../shared/text/turkish';
import type { Db } from '../db/open';
import { syncPersonWritten } from '../sync/record';

export interface PersonRow {
  id: number;
  first_name: string;
  last_name: string;
  first_name_folded: string;
  last_name_folded: string;
  sort_key: string;
  birth_date: string | null;
  birth_year: number | null;
  birth_approximate: number;
  sex: Person['sex'];
  nationality: string | null;
  legal_status: Person['legalStatus'];
  id_type: Person['idType'];
  id_number: string | null;
  languages: string;
  school: string | null;
  disability: string | null;
  address: string | null;
  phone: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  firstName: r.first_name,
  lastName: r.last_name,
  birthDate: r.birth_date,
  birthYear: r.birth_year,
  birthApproximate: r.birth_approximate === 1,
  sex: r.sex,
  nationality: r.nationality,
  legalStatus: r.legal_status,
  idType: r.id_type,
  idNumber: r.id_number,
  languages: JSON.parse(r.languages) as string[],
  school: r.school,
  disability: r.disability,
  address: r.address,
  phone: r.phone,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** "Öztürk Ayşe" order for lists: surname first, then given name, Turkish alphabet. */
export const personSortKey = (firstName: string, lastName: string): string => sortKey(`${lastName} ${firstName}`.trim());

/** The identity number as stored: digits only for TC/YKN, upper-case letters and digits for passports. */
export function normalizeIdNumber(idType: Person['idType'], idNumber: string): string {
  return idType === 'passport' ? idNumber.replace(/[\s-]/g, '').toUpperCase() : idNumber.replace(/[\s-]/g, '');
}

export interface PersonFields {
  firstName: string;
  lastName: string;
  birthDate: string | null;
  birthYear: number | null;
  birthApproximate: boolean;
  sex: Person['sex'];
  nationality: string | null;
  legalStatus: Person['legalStatus'];
  idType: Person['idType'];
  idNumber: string | null;
  languages: string[];
  school: string | null;
  disability: string | null;
  address: string | null;
  phone: string | null;
}

/**
 * Checks a person's fields and returns them normalised. `field` is the path
 * prefix of the form ('members.0.person'); `today` the local day. Codes name
 * the field so the form can mark it.
 */
export function checkPerson(input: PersonFields, field: string, today: string): PersonFields {
  const at = (name: string) => ({ field: field ? `${field}.${name}` : name });
  const out = { ...input };
  if (!out.firstName.trim()) throw new CodedError('people.firstNameRequired', at('firstName'));
  if (out.birthDate) {
    if (out.birthDate > today) throw new CodedError('people.birthInFuture', at('birthDate'));
    out.birthYear = Number(out.birthDate.slice(0, 4));
    out.birthApproximate = false;
  } else if (out.birthYear !== null) {
    if (out.birthYear > Number(today.slice(0, 4))) throw new CodedError('people.birthInFuture', at('birthYear'));
    out.birthApproximate = true;
  } else {
    out.birthApproximate = false;
  }
  if (out.idNumber && !out.idType) throw new CodedError('people.idTypeRequired', at('idType'));
  if (out.idType && !out.idNumber) throw new CodedError('people.idNumberRequired', at('idNumber'));
  if (out.idType && out.idNumber) {
    const id = normalizeIdNumber(out.idType, out.idNumber);
    if (out.idType === 'tc' && !isValidTcKimlik(id)) throw new CodedError('people.tcKimlikInvalid', at('idNumber'));
    // Yabancı kimlik numarası: 11 digits starting with 99 (older ones 98), same checksum as TC kimlik.
    if (out.idType === 'foreign' && !(/^9[89]\d{9}$/.test(id) && isValidTcKimlik(id))) throw new CodedError('people.foreignIdInvalid', at('idNumber'));
    if (out.idType === 'passport' && !/^[A-Z0-9]{5,20}$/.test(id)) throw new CodedError('people.passportInvalid', at('idNumber'));
    out.idNumber = id;
  }
  return out;
}

export function fieldsFromInput(p: PersonInput): PersonFields {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    birthDate: p.birthDate ?? null,
    birthYear: p.birthYear ?? null,
    birthApproximate: false,
    sex: p.sex,
    nationality: p.nationality ?? null,
    legalStatus: p.legalStatus ?? null,
    idType: p.idType ?? null,
    idNumber: p.idNumber ?? null,
    languages: p.languages,
    school: p.school ?? null,
    disability: p.disability ?? null,
    address: p.address ?? null,
    phone: p.phone ?? null,
  };
}

function fieldsFromPerson(p: Person): PersonFields {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...fields } = p;
  return fields;
}

/** Refuses an identity number another person already has (a person exists once). */
function assertIdFree(db: Db, fields: PersonFields, field: string, exceptId: number | null): void {
  if (!fields.idNumber) return;
  const other = db.prepare('SELECT id FROM people WHERE id_number = ? AND id_type = ?').get(fields.idNumber, fields.idType) as { id: number } | undefined;
  if (other && other.id !== exceptId) throw new CodedError('people.idNumberExists', { field: field ? `${field}.idNumber` : 'idNumber' });
}

const INSERT_SQL = `INSERT INTO people (first_name, last_name, first_name_folded, last_name_folded, sort_key, birth_date, birth_year,
  birth_approximate, sex, nationality, legal_status, id_type, id_number, languages, school, disability, address, phone,
  created_at, created_by, updated_at, updated_by)
  VALUES (@firstName, @lastName, @firstFolded, @lastFolded, @sortKey, @birthDate, @birthYear, @birthApproximate, @sex, @nationality,
  @legalStatus, @idType, @idNumber, @languages, @school, @disability, @address, @phone, @now, @actor, @now, @actor)`;

/** How names are folded and sorted; a bulk writer (demo data) passes memoised ones, as names repeat. */
export interface NameText {
  fold(text: string): string;
  sortKey(firstName: string, lastName: string): string;
}
const NAME_TEXT: NameText = { fold, sortKey: personSortKey };

export function personParams(f: PersonFields, actor: string | null, now: string, text: NameText = NAME_TEXT) {
  return {
    firstName: f.firstName,
    lastName: f.lastName,
    firstFolded: text.fold(f.firstName),
    lastFolded: text.fold(f.lastName),
    sortKey: text.sortKey(f.firstName, f.lastName),
    birthDate: f.birthDate,
    birthYear: f.birthYear,
    birthApproximate: f.birthApproximate ? 1 : 0,
    sex: f.sex,
    nationality: f.nationality,
    legalStatus: f.legalStatus,
    idType: f.idType,
    idNumber: f.idNumber,
    languages: JSON.stringify(f.languages),
    school: f.school,
    disability: f.disability,
    address: f.address,
    phone: f.phone,
    now,
    actor,
  };
}

/** The statements a bulk writer (demo data) reuses. */
export function peopleStatements(db: Db) {
  return {
    insert: db.prepare(INSERT_SQL),
    index: db.prepare('INSERT INTO people_fts (rowid, name, id_number) VALUES (?, ?, ?)'),
  };
}

export const personIndexText = (f: { firstName: string; lastName: string }): string => fold(`${f.firstName} ${f.lastName}`);

/** Inserts a checked person (see checkPerson) and indexes it for search. */
export function insertPerson(db: Db, fields: PersonFields, field: string, actor: string | null, now: string): number {
  assertIdFree(db, fields, field, null);
  const st = peopleStatements(db);
  const id = Number(st.insert.run(personParams(fields, actor, now)).lastInsertRowid);
  st.index.run(id, personIndexText(fields), fields.idNumber ?? '');
  syncPersonWritten(db, id, null, fields);
  return id;
}

export function getPerson(db: Db, id: number): Person | null {
  const row = db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined;
  return row ? toPerson(row) : null;
}

export function getPeople(db: Db, ids: number[]): Map<number, Person> {
  const out = new Map<number, Person>();
  const stmt = db.prepare('SELECT * FROM people WHERE id = ?');
  for (const id of new Set(ids)) {
    const row = stmt.get(id) as PersonRow | undefined;
    if (row) out.set(id, toPerson(row));
  }
  return out;
}

/**
 * Applies a patch when the stored version is still `expectedVersion`
 * ('people.conflict' otherwise: someone else saved in between). Keeps the
 * search index and the sort key of cases where this person is the primary child in step.
 */
export function updatePerson(db: Db, id: number, patch: PersonPatch, expectedVersion: number, actor: string, now: string, today: string): Person {
  const current = getPerson(db, id);
  if (!current) throw new CodedError('people.notFound');
  if (current.version !== expectedVersion) throw new CodedError('people.conflict', { personId: id, currentVersion: current.version });
  const merged = { ...fieldsFromPerson(current) };
  for (const [key, value] of Object.entries(patch) as Array<[keyof PersonFields, unknown]>) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  // A new exact date replaces an approximate year; clearing the date keeps no stale year.
  if (patch.birthDate !== undefined && patch.birthYear === undefined) merged.birthYear = patch.birthDate ? Number(patch.birthDate.slice(0, 4)) : null;
  if (patch.birthYear !== undefined && patch.birthDate === undefined && patch.birthYear !== null) merged.birthDate = null;
  if (patch.idType === null && patch.idNumber === undefined) merged.idNumber = null;
  if (patch.idNumber === null && patch.idType === undefined) merged.idType = null;
  const fields = checkPerson(merged, 'patch', today);
  assertIdFree(db, fields, 'patch', id);
  const params = personParams(fields, actor, now);
  db.prepare(
    `UPDATE people SET first_name = @firstName, last_name = @lastName, first_name_folded = @firstFolded, last_name_folded = @lastFolded,
      sort_key = @sortKey, birth_date = @birthDate, birth_year = @birthYear, birth_approximate = @birthApproximate, sex = @sex,
      nationality = @nationality, legal_status = @legalStatus, id_type = @idType, id_number = @idNumber, languages = @languages,
      school = @school, disability = @disability, address = @address, phone = @phone, updated_at = @now, updated_by = @actor,
      version = version + 1
     WHERE id = @id`,
  ).run({ ...params, id });
  db.prepare('DELETE FROM people_fts WHERE rowid = ?').run(id);
  db.prepare('INSERT INTO people_fts (rowid, name, id_number) VALUES (?, ?, ?)').run(id, personIndexText(fields), fields.idNumber ?? '');
  db.prepare('UPDATE cases SET child_sort_key = ? WHERE primary_child_id = ?').run(params.sortKey, id);
  syncPersonWritten(db, id, fieldsFromPerson(current), fields);
  return getPerson(db, id)!;
}
