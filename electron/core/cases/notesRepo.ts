/**
 * Notes: the case's timeline. Notes are evidence, so an edit never changes a
 * stored text: it adds a version (note_versions refuses UPDATE and DELETE by
 * trigger). Two people editing the same note: the second save names the
 * version it started from; if someone saved in between it is refused with
 * 'notes.conflict' (ids only), so the editor can compare both texts and
 * save again on top of the newer one. Owns the SQL of `notes`,
 * `note_versions` and `notes_fts` (the latest text of each note, folded).
 */
import { CodedError } from '../../../shared/api/envelope';
import type { NoteSummary, NoteType, NoteVersion } from '../../../shared/api/schemas/cases';
import { fold } from '../../../shared/text/turkish';
import type { Db } from '../db/open';
import type { UserLookup } from './userRefs';

export interface NoteContent {
  type: NoteType;
  occurredAt: string;
  body: string;
  present: { people: number[]; users: string[]; others: string | null };
  visitRefused: boolean;
}

export function noteStatements(db: Db) {
  return {
    note: db.prepare(
      `INSERT INTO notes (case_id, type, occurred_at, current_version, visit_refused, created_at, created_by)
       VALUES (@caseId, @type, @occurredAt, 1, @visitRefused, @now, @actor)`,
    ),
    /** Bulk writers: a note whose latest version is already known. */
    noteFull: db.prepare(
      `INSERT INTO notes (case_id, type, occurred_at, current_version, visit_refused, created_at, created_by)
       VALUES (@caseId, @type, @occurredAt, @version, @visitRefused, @createdAt, @createdBy)`,
    ),
    version: db.prepare(
      `INSERT INTO note_versions (note_id, version, type, occurred_at, body, present, visit_refused, edited_at, edited_by)
       VALUES (@noteId, @version, @type, @occurredAt, @body, @present, @visitRefused, @now, @actor)`,
    ),
    index: db.prepare('INSERT INTO notes_fts (rowid, body) VALUES (?, ?)'),
    term: db.prepare('INSERT OR IGNORE INTO note_terms (term) VALUES (?)'),
  };
}

/** The words FTS5's unicode61 tokenizer makes of folded text (letters, digits, private use). */
export const indexTerms = (folded: string): string[] => folded.match(/[\p{L}\p{N}\p{Co}]+/gu) ?? [];

/** Writes a note's folded text to the search index and its words to `note_terms` (migration 25). */
function indexNote(st: ReturnType<typeof noteStatements>, noteId: number, body: string): void {
  const folded = fold(body);
  st.index.run(noteId, folded);
  for (const term of new Set(indexTerms(folded))) st.term.run(term);
}

/** Only home visits can be refused. */
const refused = (c: NoteContent): number => (c.type === 'home_visit' && c.visitRefused ? 1 : 0);

export function insertNote(db: Db, caseId: number, c: NoteContent, actor: string, now: string): number {
  const st = noteStatements(db);
  const noteId = Number(st.note.run({ caseId, type: c.type, occurredAt: c.occurredAt, visitRefused: refused(c), now, actor }).lastInsertRowid);
  st.version.run({ noteId, version: 1, type: c.type, occurredAt: c.occurredAt, body: c.body, present: JSON.stringify(c.present), visitRefused: refused(c), now, actor });
  indexNote(st, noteId, c.body);
  return noteId;
}

/** Whether the note belongs to the case. */
export const noteInCase = (db: Db, noteId: number, caseId: number): boolean => db.prepare('SELECT 1 FROM notes WHERE id = ? AND case_id = ?').get(noteId, caseId) !== undefined;

export function noteCase(db: Db, noteId: number): { caseId: number; version: number } {
  const row = db.prepare('SELECT case_id, current_version FROM notes WHERE id = ?').get(noteId) as { case_id: number; current_version: number } | undefined;
  if (!row) throw new CodedError('notes.notFound');
  return { caseId: row.case_id, version: row.current_version };
}

/** Adds version expectedVersion + 1, or refuses with 'notes.conflict' if the note moved on. Returns the new version. */
export function editNote(db: Db, noteId: number, expectedVersion: number, c: NoteContent, actor: string, now: string): number {
  const { version } = noteCase(db, noteId);
  if (version !== expectedVersion) throw new CodedError('notes.conflict', { noteId, currentVersion: version });
  const next = version + 1;
  // The guard in WHERE makes the check and the write one step even if two writers ever shared a connection.
  const changed = db
    .prepare('UPDATE notes SET current_version = ?, type = ?, occurred_at = ?, visit_refused = ? WHERE id = ? AND current_version = ?')
    .run(next, c.type, c.occurredAt, refused(c), noteId, version).changes;
  if (changed !== 1) throw new CodedError('notes.conflict', { noteId, currentVersion: noteCase(db, noteId).version });
  const st = noteStatements(db);
  st.version.run({ noteId, version: next, type: c.type, occurredAt: c.occurredAt, body: c.body, present: JSON.stringify(c.present), visitRefused: refused(c), now, actor });
  db.prepare('DELETE FROM notes_fts WHERE rowid = ?').run(noteId);
  indexNote(st, noteId, c.body);
  return next;
}

interface SummaryRow {
  id: number;
  type: NoteType;
  occurred_at: string;
  current_version: number;
  visit_refused: number;
  created_at: string;
  created_by: string;
  body: string;
  present: string;
  edited_at: string;
  edited_by: string;
}

const SUMMARY_SQL = `SELECT n.id, n.type, n.occurred_at, n.current_version, n.visit_refused, n.created_at, n.created_by,
    v.body, v.present, v.edited_at, v.edited_by
  FROM notes n JOIN note_versions v ON v.note_id = n.id AND v.version = n.current_version`;

const toSummary = (r: SummaryRow, users: UserLookup): NoteSummary => ({
  id: r.id,
  type: r.type,
  occurredAt: r.occurred_at,
  version: r.current_version,
  versionCount: r.current_version,
  body: r.body,
  present: JSON.parse(r.present) as NoteSummary['present'],
  visitRefused: r.visit_refused === 1,
  createdBy: users(r.created_by),
  createdAt: r.created_at,
  editedBy: users(r.edited_by),
  editedAt: r.edited_at,
});

export function getNote(db: Db, noteId: number, users: UserLookup): NoteSummary {
  const row = db.prepare(`${SUMMARY_SQL} WHERE n.id = ?`).get(noteId) as SummaryRow | undefined;
  if (!row) throw new CodedError('notes.notFound');
  return toSummary(row, users);
}

/** The current versions of the given notes that belong to the case (others are left out), in the order of `ids`. */
export function currentNotesOfCase(db: Db, caseId: number, ids: readonly number[], users: UserLookup): NoteSummary[] {
  const stmt = db.prepare(`${SUMMARY_SQL} WHERE n.id = ? AND n.case_id = ?`);
  return ids.flatMap((id) => {
    const row = stmt.get(id, caseId) as SummaryRow | undefined;
    return row ? [toSummary(row, users)] : [];
  });
}

/** The timeline: newest first, latest version of each note. */
export function listNotes(db: Db, caseId: number, users: UserLookup, limit = 1000): { notes: NoteSummary[]; total: number } {
  const rows = db.prepare(`${SUMMARY_SQL} WHERE n.case_id = ? ORDER BY n.occurred_at DESC, n.id DESC LIMIT ?`).all(caseId, limit) as SummaryRow[];
  const total = (db.prepare('SELECT count(*) AS n FROM notes WHERE case_id = ?').get(caseId) as { n: number }).n;
  return { notes: rows.map((r) => toSummary(r, users)), total };
}

export function noteVersions(db: Db, noteId: number, users: UserLookup): NoteVersion[] {
  const rows = db.prepare('SELECT * FROM note_versions WHERE note_id = ? ORDER BY version DESC').all(noteId) as Array<{
    note_id: number;
    version: number;
    type: NoteType;
    occurred_at: string;
    body: string;
    present: string;
    visit_refused: number;
    edited_at: string;
    edited_by: string;
  }>;
  return rows.map((r) => ({
    id: r.note_id,
    type: r.type,
    occurredAt: r.occurred_at,
    version: r.version,
    body: r.body,
    present: JSON.parse(r.present) as NoteVersion['present'],
    visitRefused: r.visit_refused === 1,
    editedBy: users(r.edited_by),
    editedAt: r.edited_at,
  }));
}
