/**
 * The one search box: case numbers, identity numbers, names of people,
 * households, note text. The query is folded exactly like the indexed text
 * (shared/text/turkish.ts `fold`), so "ozturk", "ÖZTÜRK" and "Öztürk" are the
 * same word and İ/ı/I/i meet. Ranking: an exact case number, then an
 * identity number, then names (children first; whole words before words
 * typed so far), households, then notes. Within each, newest first: FTS5
 * walks its index backwards by rowid and stops at the limit, so a common
 * name or word stays cheap at 400 000 people and a million notes (bm25
 * would rank every match first, and on short names it says little).
 * A caseworker only gets hits in cases they may see.
 */
import type { CaseStatus, MemberRole, SearchHit } from '../../../shared/api/schemas/cases';
import { fold } from '../../../shared/text/turkish';
import type { Db } from '../db/open';
import { visibleSql, type Actor } from './access';

const SCORE = { caseNumber: 1000, idNumber: 900, name: 500, household: 300, note: 100 } as const;
/** Pages of whole-word note hits read at most before the prefix pass (each `limit * 3` notes). */
const NOTE_PAGES = 8;

/** Folded search tokens of a query ("Ayşe ÖZT" → ['ayse', 'ozt']). */
export function queryTokens(q: string): string[] {
  return (fold(q).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
}

/** FTS5 MATCH expression: every token must match, each as a prefix ("ayse"* AND "ozt"*). */
export function ftsQuery(tokens: string[], prefixLast = true, prefixAll = true): string {
  return tokens.map((t, i) => (prefixAll || (prefixLast && i === tokens.length - 1) ? `"${t}"*` : `"${t}"`)).join(' AND ');
}

export function searchSql(actor: Actor) {
  const visMember = visibleSql(actor, 'm.case_id');
  const visCase = visibleSql(actor, 'c.id');
  const visNote = visibleSql(actor, 'n.case_id');
  return {
    caseNumber: `SELECT c.id FROM cases c WHERE c.case_number >= @lo AND c.case_number < @hi ${visCase ? `AND ${visCase}` : ''} ORDER BY c.case_number DESC LIMIT @limit`,
    idNumber: `SELECT m.case_id, m.person_id, m.role FROM people p JOIN case_members m ON m.person_id = p.id
      WHERE p.id_number >= @lo AND p.id_number < @hi ${visMember ? `AND ${visMember}` : ''} LIMIT @limit`,
    // Names stream from the FTS index newest first (no rank to compute over every match), children
    // and everyone else separately so children come first; the caller asks exact words, then prefixes.
    children: `SELECT m.case_id, m.person_id, m.role FROM people_fts f JOIN case_members m ON m.person_id = f.rowid
      WHERE people_fts MATCH @match AND m.role = 'child' ${visMember ? `AND ${visMember}` : ''} ORDER BY f.rowid DESC LIMIT @limit`,
    others: `SELECT m.case_id, m.person_id, m.role FROM people_fts f JOIN case_members m ON m.person_id = f.rowid
      WHERE people_fts MATCH @match AND m.role <> 'child' ${visMember ? `AND ${visMember}` : ''} ORDER BY f.rowid DESC LIMIT @limit`,
    households: `SELECT c.id AS case_id, c.household_id FROM households_fts f JOIN cases c ON c.household_id = f.rowid
      WHERE households_fts MATCH @match ${visCase ? `AND ${visCase}` : ''} ORDER BY f.rowid DESC LIMIT @limit`,
    notes: `SELECT n.id AS note_id, n.case_id FROM notes_fts f JOIN notes n ON n.id = f.rowid
      WHERE notes_fts MATCH @match ${visNote ? `AND ${visNote}` : ''} ORDER BY f.rowid DESC LIMIT @limit`,
    // The next page of the same, older than the last note read (FTS5 seeks to the rowid bound).
    notesBefore: `SELECT n.id AS note_id, n.case_id FROM notes_fts f JOIN notes n ON n.id = f.rowid
      WHERE notes_fts MATCH @match AND f.rowid < @before ${visNote ? `AND ${visNote}` : ''} ORDER BY f.rowid DESC LIMIT @limit`,
  };
}

interface Candidate {
  match: SearchHit['match'];
  caseId: number;
  personId: number | null;
  role: MemberRole | null;
  noteId: number | null;
  score: number;
}

/** "2026/12" → the range of case numbers starting so; "2026/0012" exact. */
function caseNumberRange(q: string): { lo: string; hi: string } | null {
  const m = /^\s*(\d{4})\s*\/\s*(\d{0,6})\s*$/.exec(q);
  if (!m) return null;
  const [year, digits] = [m[1]!, m[2]!];
  if (digits.length === 0) return { lo: `${year}/`, hi: `${year}0` };
  // Numbers are stored with at least 4 digits: "2026/12" means 2026/0012 (exact) or a longer number typed so far.
  const exact = `${year}/${digits.padStart(4, '0')}`;
  return { lo: exact, hi: `${exact}\u{10FFFF}` };
}

/** Picks a few words of the note around the first word matching a query token. */
export function snippet(body: string, tokens: string[], words = 18): string {
  const parts = body.split(/\s+/);
  const at = Math.max(
    0,
    parts.findIndex((w) => {
      const f = fold(w).replace(/[^\p{L}\p{N}]/gu, '');
      return tokens.some((t) => f.startsWith(t));
    }),
  );
  const start = Math.max(0, at - 6);
  const slice = parts.slice(start, start + words).join(' ');
  return `${start > 0 ? '… ' : ''}${slice}${start + words < parts.length ? ' …' : ''}`;
}

export function search(db: Db, q: string, actor: Actor, limit: number): SearchHit[] {
  const tokens = queryTokens(q);
  if (tokens.length === 0) return [];
  const sql = searchSql(actor);
  const viewer = actor.readAll ? {} : { viewer: actor.userId };
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  const push = (c: Candidate) => {
    // One note hit per case (the newest): a common word should not fill the list with one family.
    const key = `${c.match === 'note' ? 'n' : c.personId !== null ? `p${c.personId}` : 'c'}:${c.caseId}`;
    if (seen.has(key)) return;
    seen.add(key);
    candidates.push(c);
  };

  const range = caseNumberRange(q);
  if (range) {
    const rows = db.prepare(sql.caseNumber).all({ ...range, limit, ...viewer }) as Array<{ id: number }>;
    rows.forEach((r, i) => push({ match: 'caseNumber', caseId: r.id, personId: null, role: null, noteId: null, score: SCORE.caseNumber - i * 0.01 }));
  }

  const digits = q.replace(/[\s-]/g, '');
  if (/^[0-9]{5,11}$/.test(digits) || /^[A-Za-z][A-Za-z0-9]{5,19}$/.test(digits)) {
    const id = digits.toUpperCase();
    const rows = db.prepare(sql.idNumber).all({ lo: id, hi: `${id}\u{10FFFF}`, limit, ...viewer }) as Array<{ case_id: number; person_id: number; role: MemberRole }>;
    rows.forEach((r, i) => push({ match: 'idNumber', caseId: r.case_id, personId: r.person_id, role: r.role, noteId: null, score: SCORE.idNumber - i * 0.01 }));
  }

  // Whole words first ("ayşe" finds Ayşe before Ayşegül), then words typed so far.
  const exact = ftsQuery(tokens, false, false);
  const prefix = ftsQuery(tokens);
  const names: Array<[string, string, number]> = [
    [sql.children, exact, SCORE.name + 60],
    [sql.children, prefix, SCORE.name + 40],
    [sql.others, exact, SCORE.name + 10],
    [sql.others, prefix, SCORE.name - 10],
  ];
  // The queries run from the highest score down: once `limit` hits are in, the rest could not rank.
  const full = () => candidates.length >= limit;
  for (const [query, match, base] of names) {
    if (full()) break;
    const rows = db.prepare(query).all({ match, limit, ...viewer }) as Array<{ case_id: number; person_id: number; role: MemberRole }>;
    rows.forEach((r, i) => push({ match: 'name', caseId: r.case_id, personId: r.person_id, role: r.role, noteId: null, score: base - i * 0.01 }));
  }
  if (!full()) {
    const households = db.prepare(sql.households).all({ match: prefix, limit, ...viewer }) as Array<{ case_id: number; household_id: number }>;
    households.forEach((r, i) => push({ match: 'household', caseId: r.case_id, personId: null, role: null, noteId: null, score: SCORE.household - i * 0.01 }));
  }

  // Notes: whole words first; the last word as a prefix ("öğretmen" → öğretmenle, öğretmenin) only
  // when that does not fill the list, and only from four letters (a short prefix of a common stem
  // would merge hundreds of thousands of postings at a million notes).
  // Whole words are read newest first a page at a time until the list is full (a case's many
  // notes with a common word do not end that pass early), so the prefix pass, which makes
  // FTS5 merge the lists of every word so begun across the whole index, runs only when whole
  // words do not fill the list.
  const last = tokens[tokens.length - 1]!;
  const noteQueries = [ftsQuery(tokens, false, false), ...(last.length >= 4 ? notePrefixQuery(db, tokens) : [])];
  const page = limit * 3;
  for (const [k, match] of noteQueries.entries()) {
    let read = 0;
    let before: number | null = null;
    while (!full() && read < page * NOTE_PAGES) {
      const notes = (
        before === null ? db.prepare(sql.notes).all({ match, limit: page, ...viewer }) : db.prepare(sql.notesBefore).all({ match, before, limit: page, ...viewer })
      ) as Array<{ note_id: number; case_id: number }>;
      notes.forEach((r, i) => push({ match: 'note', caseId: r.case_id, personId: null, role: null, noteId: r.note_id, score: SCORE.note - k * 10 - (read + i) * 0.01 }));
      read += notes.length;
      if (notes.length < page) break;
      before = notes[notes.length - 1]!.note_id;
    }
  }

  const top = candidates.sort((a, b) => b.score - a.score).slice(0, limit);
  return describe(db, top, tokens);
}

/** Words a typed-so-far word expands to before the plain FTS5 prefix query is used instead. */
const MAX_EXPANSION = 64;

/**
 * The note query for a last word typed so far: the words of the index that begin with it
 * (`note_terms`, migration 25) as an OR, so FTS5 merges them lazily, newest first, and stops at
 * the limit; a prefix query ("ogretmen"*) would first build the merged list of every such word
 * over the whole index. No word begins so: no query (nothing could match). Too many: the prefix query.
 */
function notePrefixQuery(db: Db, tokens: string[]): string[] {
  const last = tokens[tokens.length - 1]!;
  const words = (
    db.prepare('SELECT term FROM note_terms WHERE term >= @lo AND term < @hi ORDER BY term LIMIT @max').all({ lo: last, hi: `${last}\u{10FFFF}`, max: MAX_EXPANSION + 1 }) as Array<{ term: string }>
  ).map((r) => r.term);
  if (words.length === 0) return [];
  if (words.length > MAX_EXPANSION) return [ftsQuery(tokens, true, false)];
  const anyOf = `(${words.map((w) => `"${w}"`).join(' OR ')})`;
  return [tokens.length > 1 ? `${ftsQuery(tokens.slice(0, -1), false, false)} AND ${anyOf}` : anyOf];
}

function describe(db: Db, hits: Candidate[], tokens: string[]): SearchHit[] {
  const caseStmt = db.prepare(
    `SELECT c.case_number, c.status, h.name AS household, p.id AS child_id, p.first_name, p.last_name
     FROM cases c JOIN households h ON h.id = c.household_id LEFT JOIN people p ON p.id = c.primary_child_id WHERE c.id = ?`,
  );
  const personStmt = db.prepare('SELECT first_name, last_name FROM people WHERE id = ?');
  const noteStmt = db.prepare('SELECT v.body FROM notes n JOIN note_versions v ON v.note_id = n.id AND v.version = n.current_version WHERE n.id = ?');
  return hits.map((h) => {
    const c = caseStmt.get(h.caseId) as {
      case_number: string;
      status: CaseStatus;
      household: string;
      child_id: number | null;
      first_name: string | null;
      last_name: string | null;
    };
    let person: SearchHit['person'] = null;
    if (h.personId !== null) {
      const p = personStmt.get(h.personId) as { first_name: string; last_name: string };
      person = { id: h.personId, firstName: p.first_name, lastName: p.last_name, role: h.role };
    } else if (c.child_id !== null) {
      person = { id: c.child_id, firstName: c.first_name ?? '', lastName: c.last_name ?? '', role: 'child' };
    }
    const body = h.noteId !== null ? (noteStmt.get(h.noteId) as { body: string } | undefined)?.body : undefined;
    return {
      match: h.match,
      caseId: h.caseId,
      caseNumber: c.case_number,
      status: c.status,
      person,
      householdName: c.household || null,
      noteId: h.noteId,
      snippet: body !== undefined ? snippet(body, tokens) : null,
      score: Math.round(h.score * 100) / 100,
    };
  });
}
