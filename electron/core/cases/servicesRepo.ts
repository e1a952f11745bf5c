/** Services delivered to a case (seed 000's list, editable). Owns the SQL of `case_services`. */
import { CodedError } from '../../../shared/api/envelope';
import type { ServiceRecord } from '../../../shared/api/schemas/cases';
import type { Db } from '../db/open';
import { isCaseMember } from './casesRepo';
import type { UserLookup } from './userRefs';

export interface NewService {
  caseId: number;
  service: string;
  personId: number | null;
  deliveredOn: string;
  sessions: number;
  note: string | null;
}

export function serviceStatements(db: Db) {
  return {
    insert: db.prepare(
      `INSERT INTO case_services (case_id, service_code, person_id, delivered_on, sessions, note, delivered_by, created_at)
       VALUES (@caseId, @service, @personId, @deliveredOn, @sessions, @note, @actor, @now)`,
    ),
  };
}

export function insertService(db: Db, s: NewService, actor: string, now: string): number {
  if (s.personId !== null && !isCaseMember(db, s.caseId, s.personId)) {
    throw new CodedError('services.personNotInCase', { field: 'personId' });
  }
  return Number(serviceStatements(db).insert.run({ ...s, actor, now }).lastInsertRowid);
}

interface Row {
  id: number;
  service_code: string;
  person_id: number | null;
  delivered_on: string;
  sessions: number;
  note: string | null;
  delivered_by: string;
  created_at: string;
}

const toRecord = (r: Row, users: UserLookup): ServiceRecord => ({
  id: r.id,
  service: r.service_code,
  personId: r.person_id,
  deliveredOn: r.delivered_on,
  sessions: r.sessions,
  note: r.note,
  deliveredBy: users(r.delivered_by),
  createdAt: r.created_at,
});

export function listServices(db: Db, caseId: number, users: UserLookup): ServiceRecord[] {
  return (db.prepare('SELECT * FROM case_services WHERE case_id = ? ORDER BY delivered_on DESC, id DESC').all(caseId) as Row[]).map((r) => toRecord(r, users));
}

export function getService(db: Db, id: number, users: UserLookup): ServiceRecord {
  return toRecord(db.prepare('SELECT * FROM case_services WHERE id = ?').get(id) as Row, users);
}
