/**
 * The content of a case transfer (issue 17): what is read from the sending vault and written
 * into the receiving one. Sections: the case, its household, people and members, notes (every
 * version), risk assessments, referrals, and the attachments with their bytes.
 *
 * Import creates a new case (this office's next number; the importing user responsible). The
 * duplicate check runs for every person: matches are reported, and a person is linked to an
 * existing one only on an exact identity number (same type and number) — anything less may be
 * someone else, so a new person is created and the match is shown for a person to decide.
 * Referrals point at the sending office's directory of institutions, which the receiver does not
 * have: they are kept as received (inside the vault, in transfers_in.sections), not as rows.
 *
 * Merge (in the app, `into`): instead of a new case, the file is added to an open case here whose
 * primary child the duplicate check matched (`mergeTargets`). Merging never overwrites anything:
 * the case's status, priority, household, responsible caseworker and every existing person's
 * details stay as they are. The transferred primary child is that case's primary child; another
 * transferred person is linked to an existing person on the same identity number or to a member
 * of the case the duplicate check matches at BLOCKING_SCORE or above, and is otherwise created
 * and added as a member. Notes (every version), risk assessments and attachments are appended.
 * In both modes every appended note, assessment and attachment is recorded in `transfer_rows`
 * with its transfer id: the provenance ("transferred from OFFICE").
 */
import { createHash } from 'node:crypto';
import { CodedError } from '../../../shared/api/envelope';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/api/schemas/cases';
import type { Db } from '../db/open';
import type { MergeTarget, TransferPerson, TransferSection } from '../../../shared/api/schemas/transfers';
import { BLOCKING_SCORE, findDuplicates } from '../cases/duplicates';
import { visibleCaseIds, type Actor } from '../cases/access';
import { addHistory, insertCase, nextCaseSeq, requireCase, setCaseWorkers } from '../cases/casesRepo';
import { insertPerson, type PersonFields } from '../cases/peopleRepo';
import { cancelOpenTasksOfCase } from '../cases/tasksRepo';

type Row = Record<string, unknown>;

export interface CasePayload {
  version: 1;
  case: Row;
  household: Row | null;
  people: Row[];
  members: Row[];
  notes: Row[];
  noteVersions: Row[];
  assessments: Row[];
  referrals: Row[];
  attachments: Array<{ row: Row; base64: string }>;
}

const all = (db: Db, sql: string, ...params: unknown[]): Row[] => db.prepare(sql).all(...params) as Row[];

/** What to send: without options, everything (the CLI); the app sends the sections and attachments chosen. */
export interface CollectOptions {
  sections?: readonly TransferSection[];
  attachmentIds?: readonly number[];
}

export function collectCase(db: Db, caseId: number, options: CollectOptions = {}): CasePayload {
  const kase = db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as Row | undefined;
  if (!kase) throw new CodedError('cases.notFound');
  const wanted = (section: TransferSection) => !options.sections || options.sections.includes(section);
  const chosen = options.attachmentIds ? new Set(options.attachmentIds) : null;
  const attachmentRows = all(db, "SELECT * FROM attachments WHERE case_id = ? AND state = 'ready' AND deleted_at IS NULL ORDER BY id", caseId).filter((row) => !chosen || chosen.has(num(row.id)!));
  const attachments = attachmentRows.map((row) => {
    const chunks = db.prepare('SELECT data FROM attachment_chunks WHERE attachment_id = ? ORDER BY seq').all(row.id) as Array<{ data: Buffer }>;
    return { row, base64: Buffer.concat(chunks.map((c) => c.data)).toString('base64') };
  });
  return {
    version: 1,
    case: kase,
    household: (db.prepare('SELECT * FROM households WHERE id = ?').get(kase.household_id) as Row | undefined) ?? null,
    people: all(db, 'SELECT p.* FROM people p JOIN case_members m ON m.person_id = p.id WHERE m.case_id = ? ORDER BY p.id', caseId),
    members: all(db, 'SELECT * FROM case_members WHERE case_id = ? ORDER BY id', caseId),
    notes: wanted('notes') ? all(db, 'SELECT * FROM notes WHERE case_id = ? ORDER BY id', caseId) : [],
    noteVersions: wanted('notes') ? all(db, 'SELECT v.* FROM note_versions v JOIN notes n ON n.id = v.note_id WHERE n.case_id = ? ORDER BY v.id', caseId) : [],
    assessments: wanted('assessments') ? all(db, 'SELECT * FROM assessments WHERE case_id = ? ORDER BY id', caseId) : [],
    referrals: wanted('referrals') ? all(db, 'SELECT * FROM referrals WHERE case_id = ? ORDER BY id', caseId) : [],
    attachments,
  };
}

/** The case is transferred: read-only from now on (see assertCaseWritable). Returns how many open tasks it ended. */
export function markTransferred(db: Db, caseId: number, transferId: string, receiver: { office: string; fingerprint: string }, actorId: string, now: string): number {
  db.prepare('UPDATE cases SET transferred_at = ?, transferred_to = ?, version = version + 1, updated_at = ? WHERE id = ?').run(now, receiver.office, now, caseId);
  db.prepare('INSERT INTO transfers_out (transfer_id, case_id, receiver_fingerprint, receiver_office, sent_at, sent_by) VALUES (?, ?, ?, ?, ?, ?)').run(
    transferId,
    caseId,
    receiver.fingerprint,
    receiver.office,
    now,
    actorId,
  );
  // A request still pending in the app is settled by this send (the CLI's export is a supervisor's too).
  db.prepare("UPDATE transfer_requests SET state = 'approved', decided_by = ?, decided_at = ?, transfer_id = ? WHERE case_id = ? AND state = 'pending'").run(actorId, now, transferId, caseId);
  // The receiving office takes over the work: this office's open tasks on the case end here, as at
  // closure, so no dashboard keeps an overdue task nobody here may complete.
  return cancelOpenTasksOfCase(db, caseId, actorId, now);
}

export function isTransferred(db: Db, caseId: number): boolean {
  const row = db.prepare('SELECT transferred_at FROM cases WHERE id = ?').get(caseId) as { transferred_at: string | null } | undefined;
  return !!row?.transferred_at;
}

/** Refuses a change to a case sent to another office. */
export function assertNotTransferred(db: Db, caseId: number): void {
  if (isTransferred(db, caseId)) throw new CodedError('cases.transferred');
}

export function transferSeen(db: Db, transferId: string): boolean {
  return !!db.prepare('SELECT 1 FROM transfers_in WHERE transfer_id = ?').get(transferId);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

function personFields(p: Row): PersonFields {
  let languages: string[] = [];
  try {
    const parsed: unknown = JSON.parse(str(p.languages) ?? '[]');
    if (Array.isArray(parsed)) languages = parsed.filter((x): x is string => typeof x === 'string');
  } catch {
    languages = [];
  }
  return {
    firstName: str(p.first_name) ?? '',
    lastName: str(p.last_name) ?? '',
    birthDate: str(p.birth_date),
    birthYear: num(p.birth_year),
    birthApproximate: p.birth_approximate === 1,
    sex: (str(p.sex) ?? 'unknown') as PersonFields['sex'],
    nationality: str(p.nationality),
    legalStatus: str(p.legal_status) as PersonFields['legalStatus'],
    idType: str(p.id_type) as PersonFields['idType'],
    idNumber: str(p.id_number),
    languages,
    school: str(p.school),
    disability: str(p.disability),
    address: str(p.address),
    phone: str(p.phone),
  };
}

/** Inserts `row` into `table`, only the columns the table has, without its id; `set` overrides. */
function insertRow(db: Db, table: string, row: Row, set: Row): number {
  const columns = new Set((db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: string }>).map((c) => c.name));
  const values: Row = {};
  for (const [k, v] of Object.entries(row)) if (k !== 'id' && k !== 'uid' && columns.has(k)) values[k] = v;
  for (const [k, v] of Object.entries(set)) if (columns.has(k)) values[k] = v;
  // Who did what in the other office is not a user here: the importing user stands in.
  const names = Object.keys(values);
  const sql = `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`;
  return Number(db.prepare(sql).run(values).lastInsertRowid);
}

export interface PersonMatch {
  /** Index in the transferred people (not a personal detail). */
  index: number;
  role: string;
  linkedPersonId: number | null;
  candidates: Array<{ personId: number; score: number; reasons: string[] }>;
}

export interface ImportResult {
  caseId: number;
  caseNumber: string;
  merged: boolean;
  people: number;
  linked: number;
  notes: number;
  assessments: number;
  referrals: number;
  attachments: number;
  matches: PersonMatch[];
}

const USER_COLUMNS = ['created_by', 'added_by', 'edited_by', 'assessed_by', 'decided_by', 'closed_by', 'closure_requested_by', 'deleted_by'];

/** The person with the same identity number (type and number), if any: linked, never duplicated. */
function exactMatch(db: Db, fields: PersonFields): number | null {
  if (!fields.idNumber || !fields.idType) return null;
  return (db.prepare('SELECT id FROM people WHERE id_number = ? AND id_type = ?').get(fields.idNumber, fields.idType) as { id: number } | undefined)?.id ?? null;
}

const memberOf = (payload: CasePayload, p: Row): Row | undefined => payload.members.find((m) => m.person_id === p.id);

function duplicatesOf(db: Db, fields: PersonFields, actor: Actor) {
  return findDuplicates(db, { firstName: fields.firstName, lastName: fields.lastName, birthDate: fields.birthDate, birthYear: fields.birthYear, idType: fields.idType, idNumber: fields.idNumber }, actor);
}

/** What a transfer file brings, checked against this office's people: shown before anything is written. */
export function previewPeople(db: Db, payload: CasePayload, actor: Actor): { people: TransferPerson[]; mergeTargets: MergeTarget[] } {
  let primaryCandidates: Array<{ personId: number; score: number }> = [];
  const people = payload.people.map((p, index): TransferPerson => {
    const fields = personFields(p);
    const member = memberOf(payload, p);
    const candidates = duplicatesOf(db, fields, actor);
    const isPrimary = member?.is_primary === 1;
    if (isPrimary) primaryCandidates = candidates.map((c) => ({ personId: c.personId, score: c.score }));
    return {
      index,
      role: (str(member?.role) ?? 'other') as TransferPerson['role'],
      isPrimary,
      firstName: fields.firstName,
      lastName: fields.lastName,
      birthDate: fields.birthDate,
      birthYear: fields.birthYear,
      linkedPersonId: exactMatch(db, fields),
      candidates,
    };
  });
  return { people, mergeTargets: mergeTargets(db, primaryCandidates, actor) };
}

/** Open, not transferred cases the actor sees whose primary child is one of the candidates. */
function mergeTargets(db: Db, candidates: Array<{ personId: number; score: number }>, actor: Actor): MergeTarget[] {
  const rows = candidates.flatMap((c) =>
    (
      db.prepare("SELECT id, case_number, status FROM cases WHERE primary_child_id = ? AND status <> 'closed' AND transferred_at IS NULL ORDER BY opened_at DESC, id").all(c.personId) as Array<{
        id: number;
        case_number: string;
        status: MergeTarget['status'];
      }>
    ).map((r) => ({ caseId: r.id, caseNumber: r.case_number, status: r.status, personId: c.personId, score: c.score })),
  );
  const visible = visibleCaseIds(
    db,
    actor,
    rows.map((r) => r.caseId),
  );
  return rows.filter((r) => visible.has(r.caseId)).sort((a, b) => b.score - a.score || a.caseId - b.caseId);
}

export function importCase(
  db: Db,
  payload: CasePayload,
  transfer: { transferId: string; senderVaultId: string; senderFingerprint: string; senderOffice: string },
  actor: Actor,
  now: string,
  /** Merge into this open case (one of previewPeople's mergeTargets) instead of creating one. */
  into: { caseId: number } | null = null,
): ImportResult {
  if (transferSeen(db, transfer.transferId)) throw new CodedError('transfer.replayed');
  const users: Row = Object.fromEntries(USER_COLUMNS.map((c) => [c, actor.userId]));
  let caseId: number;
  let targetChild: number | null = null;
  if (into) {
    const { mergeTargets: targets } = previewPeople(db, payload, actor);
    const target = targets.find((t) => t.caseId === into.caseId);
    if (!target) throw new CodedError('transfer.notMergeTarget', { field: 'targetCaseId' });
    caseId = target.caseId;
    targetChild = target.personId;
    db.prepare('UPDATE cases SET version = version + 1, updated_at = ? WHERE id = ?').run(now, caseId);
  } else {
    const k = payload.case;
    const h = payload.household ?? {};
    const householdId = insertRow(db, 'households', h, { ...users, created_at: now, updated_at: now });
    const openedAt = str(k.opened_at) ?? now;
    const year = Number(now.slice(0, 4));
    const seq = nextCaseSeq(db, year);
    caseId = insertCase(db, { year, seq, householdId, status: 'intake', priority: null, responsible: actor.userId, openedAt, actor: actor.userId, now });
    // Keep the status and priority the sending office had reached (closed cases are not transferred).
    const status: CaseStatus = CASE_STATUSES.find((s) => s === k.status && s !== 'closed') ?? 'intake';
    db.prepare('UPDATE cases SET status = ?, priority = ?, priority_rank = ?, last_intake_at = ? WHERE id = ?').run(status, str(k.priority), num(k.priority_rank) ?? 5, str(k.last_intake_at) ?? openedAt, caseId);
    setCaseWorkers(db, caseId, actor.userId, [], actor.userId, now);
    addHistory(db, { caseId, event: 'created', from: null, to: status, reason: `transfer ${transfer.transferId}`, at: now, by: actor.userId });
  }

  const caseMembers = new Set((db.prepare('SELECT person_id FROM case_members WHERE case_id = ?').all(caseId) as Array<{ person_id: number }>).map((r) => r.person_id));
  const personIds = new Map<number, number>();
  const matches: PersonMatch[] = [];
  let linked = 0;
  payload.people.forEach((p, index) => {
    const fields = personFields(p);
    const member = memberOf(payload, p);
    const candidates = duplicatesOf(db, fields, { ...actor, readAll: true });
    let existing: number | null;
    if (into && member?.is_primary === 1) existing = targetChild;
    else existing = exactMatch(db, fields) ?? (into ? (candidates.find((c) => c.score >= BLOCKING_SCORE && caseMembers.has(c.personId))?.personId ?? null) : null);
    const personId = existing ?? insertPerson(db, fields, `people.${index}`, actor.userId, now);
    if (existing !== null) linked += 1;
    personIds.set(num(p.id)!, personId);
    matches.push({ index, role: str(member?.role) ?? 'other', linkedPersonId: existing, candidates: candidates.map((c) => ({ personId: c.personId, score: c.score, reasons: [...c.reasons] })) });
  });
  for (const m of payload.members) {
    const personId = personIds.get(num(m.person_id)!);
    if (personId === undefined || caseMembers.has(personId)) continue;
    insertRow(db, 'case_members', m, { ...users, case_id: caseId, person_id: personId, added_at: now, ...(into ? { is_primary: 0 } : {}) });
    caseMembers.add(personId);
  }
  if (!into) {
    const primary = payload.members.find((m) => m.is_primary === 1);
    if (primary) db.prepare('UPDATE cases SET primary_child_id = ? WHERE id = ?').run(personIds.get(num(primary.person_id)!) ?? null, caseId);
  }

  const provenance: Array<[kind: 'note' | 'assessment' | 'attachment', id: number]> = [];
  const noteIds = new Map<number, number>();
  for (const n of payload.notes) {
    const id = insertRow(db, 'notes', n, { ...users, case_id: caseId });
    noteIds.set(num(n.id)!, id);
    provenance.push(['note', id]);
  }
  for (const v of payload.noteVersions) {
    const noteId = noteIds.get(num(v.note_id)!);
    if (noteId !== undefined) insertRow(db, 'note_versions', v, { ...users, note_id: noteId });
  }
  const assessmentIds = new Map<number, number>();
  for (const a of payload.assessments) {
    const childId = num(a.child_id);
    const previous = num(a.previous_id);
    const id = insertRow(db, 'assessments', a, {
      ...users,
      case_id: caseId,
      child_id: childId === null ? null : (personIds.get(childId) ?? null),
      previous_id: previous === null ? null : (assessmentIds.get(previous) ?? null),
    });
    assessmentIds.set(num(a.id)!, id);
    provenance.push(['assessment', id]);
  }
  for (const { row, base64 } of payload.attachments) {
    const bytes = Buffer.from(base64, 'base64');
    if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) throw new CodedError('transfer.tampered');
    const linkKind = str(row.link_kind);
    const linkId = linkKind === 'person' ? personIds.get(num(row.link_id)!) : linkKind === 'note' ? noteIds.get(num(row.link_id)!) : undefined;
    const id = insertRow(db, 'attachments', row, { ...users, case_id: caseId, link_kind: linkId === undefined ? null : linkKind, link_id: linkId ?? null, state: 'ready', size: bytes.length });
    const insert = db.prepare('INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (?, ?, ?)');
    for (let seq = 0, at = 0; at < bytes.length || seq === 0; seq += 1, at += 256 * 1024) insert.run(id, seq, bytes.subarray(at, at + 256 * 1024));
    provenance.push(['attachment', id]);
  }
  db.prepare(
    'INSERT INTO transfers_in (transfer_id, case_id, sender_vault_id, sender_fingerprint, sender_office, sections, received_at, received_by, merged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(transfer.transferId, caseId, transfer.senderVaultId, transfer.senderFingerprint, transfer.senderOffice, JSON.stringify({ referrals: payload.referrals }), now, actor.userId, into ? 1 : 0);
  const mark = db.prepare('INSERT INTO transfer_rows (transfer_id, kind, row_id) VALUES (?, ?, ?)');
  for (const [kind, id] of provenance) mark.run(transfer.transferId, kind, id);
  return {
    caseId,
    caseNumber: requireCase(db, caseId).case_number,
    merged: into !== null,
    people: personIds.size,
    linked,
    notes: noteIds.size,
    assessments: assessmentIds.size,
    referrals: payload.referrals.length,
    attachments: payload.attachments.length,
    matches,
  };
}
