/** Applies winning `people` cells (see peopleCells.ts) to the table on this replica. */
import type { Person } from '../../../shared/api/schemas/cases';
import type { Db } from '../db/open';
import { peopleStatements, personIndexText, personParams, toPerson, type PersonFields, type PersonRow } from '../cases/peopleRepo';
import { PEOPLE_CELLS, type PeopleCell } from './peopleCells';

/** Sets one cell's (validated) value on a person's fields. */
function setCell(f: PersonFields, cell: PeopleCell, value: unknown): void {
  const v = PEOPLE_CELLS[cell].parse(value) as never;
  switch (cell) {
    case 'birth': {
      const [date, year, approx] = v as [string | null, number | null, boolean];
      Object.assign(f, { birthDate: date, birthYear: year, birthApproximate: approx });
      break;
    }
    case 'identity': {
      const [type, number] = v as [Person['idType'], string | null];
      Object.assign(f, { idType: type, idNumber: number });
      break;
    }
    default:
      (f as unknown as Record<string, unknown>)[cell] = v;
  }
}

export function personRowByUid(db: Db, uid: string): PersonRow | undefined {
  return db.prepare('SELECT * FROM people WHERE uid = ?').get(uid) as PersonRow | undefined;
}

/** A person with nothing recorded: the base a replica builds a person on (and the test office's people). */
export const BLANK_PERSON: PersonFields = {
  firstName: '',
  lastName: '',
  birthDate: null,
  birthYear: null,
  birthApproximate: false,
  sex: 'unknown',
  nationality: null,
  legalStatus: null,
  idType: null,
  idNumber: null,
  languages: [],
  school: null,
  disability: null,
  address: null,
  phone: null,
};

/**
 * Writes winning cell values into the person named by `uid` (created when this
 * replica has not seen it yet). `at` is the newest message's time, used as the
 * row's updated_at so every replica shows the same.
 */
export function applyPeopleCells(db: Db, uid: string, cells: Map<PeopleCell, unknown>, at: string): void {
  const row = personRowByUid(db, uid);
  const fields: PersonFields = row ? fieldsOf(toPerson(row)) : { ...BLANK_PERSON };
  for (const [cell, value] of cells) setCell(fields, cell, value);
  const identity = takeIdentity(db, fields, row?.id ?? null);
  const params = personParams(identity, null, at);
  let id: number;
  if (!row) {
    const st = peopleStatements(db);
    id = Number(st.insert.run(params).lastInsertRowid);
    db.prepare('UPDATE people SET uid = ? WHERE id = ?').run(uid, id);
    st.index.run(id, personIndexText(identity), identity.idNumber ?? '');
    return;
  }
  id = row.id;
  db.prepare(
    `UPDATE people SET first_name = @firstName, last_name = @lastName, first_name_folded = @firstFolded, last_name_folded = @lastFolded,
      sort_key = @sortKey, birth_date = @birthDate, birth_year = @birthYear, birth_approximate = @birthApproximate, sex = @sex,
      nationality = @nationality, legal_status = @legalStatus, id_type = @idType, id_number = @idNumber, languages = @languages,
      school = @school, disability = @disability, address = @address, phone = @phone,
      updated_at = CASE WHEN updated_at > @now THEN updated_at ELSE @now END, version = version + 1
     WHERE id = @id`,
  ).run({ ...params, id });
  db.prepare('DELETE FROM people_fts WHERE rowid = ?').run(id);
  db.prepare('INSERT INTO people_fts (rowid, name, id_number) VALUES (?, ?, ?)').run(id, personIndexText(identity), identity.idNumber ?? '');
  db.prepare('UPDATE cases SET child_sort_key = ? WHERE primary_child_id = ?').run(params.sortKey, id);
}

/**
 * An identity number is unique. When two laptops gave the same number to two people
 * (a duplicate person, see docs/sync.md), the row applied here keeps the number only
 * if no other row holds it; otherwise it is stored without one until the people are
 * merged. The message itself is kept, so nothing is lost.
 */
function takeIdentity(db: Db, fields: PersonFields, selfId: number | null): PersonFields {
  if (!fields.idNumber) return fields;
  const other = db.prepare('SELECT id FROM people WHERE id_number = ? AND id_type = ?').get(fields.idNumber, fields.idType) as { id: number } | undefined;
  if (!other || other.id === selfId) return fields;
  return { ...fields, idType: null, idNumber: null };
}

function fieldsOf(p: Person): PersonFields {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...fields } = p;
  return fields;
}
