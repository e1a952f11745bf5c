/**
 * Possible duplicates while a person (usually a child) is entered: the same
 * identity number, or a similar name (Turkish-aware folding: "Öztürk",
 * "OZTURK", "ozturk" are one name; "Ayşe Nur" and "Ayşenur" too) with the
 * same birth date or birth year. Each candidate comes with a score (0–1) and
 * the reasons, so the form can say why it asks "is this the same child?".
 * Candidates are looked up through indexes (id number; folded last name or
 * first name + birth year); similarity is computed on that short list.
 */
import type { DuplicateCandidate, Person } from '../../../shared/api/schemas/cases';
import { fold } from '../../../shared/text/turkish';
import type { Db } from '../db/open';
import { visibleCaseIds, type Actor } from './access';
import { normalizeIdNumber, type PersonRow } from './peopleRepo';

/** At or above this score a new person is refused until the user confirms it is someone else. */
export const BLOCKING_SCORE = 0.9;
/** Two folded names at or above this Jaro–Winkler similarity count as "similar". */
export const SIMILAR_NAME = 0.88;

export interface DuplicateQuery {
  firstName: string;
  lastName: string;
  birthDate?: string | null | undefined;
  birthYear?: number | null | undefined;
  idType?: Person['idType'] | undefined;
  idNumber?: string | null | undefined;
  excludePersonId?: number | undefined;
}

/** Jaro–Winkler similarity of two strings (1 = equal). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a || !b) return 0;
  const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatch = new Array<boolean>(a.length).fill(false);
  const bMatch = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    for (let j = Math.max(0, i - range); j < Math.min(b.length, i + range + 1); j += 1) {
      if (bMatch[j] || a[i] !== b[j]) continue;
      aMatch[i] = bMatch[j] = true;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  for (let i = 0, k = 0; i < a.length; i += 1) {
    if (!aMatch[i]) continue;
    while (!bMatch[k]) k += 1;
    if (a[i] !== b[k]) t += 1;
    k += 1;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - t / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix += 1;
  return jaro + prefix * 0.1 * (1 - jaro);
}

const compact = (text: string): string => fold(text).replace(/[^a-z0-9]/g, '');

/** Name similarity (0–1) of two people, allowing given and family name to be swapped. */
export function nameSimilarity(a: { first: string; last: string }, b: { first: string; last: string }): number {
  const [af, al, bf, bl] = [compact(a.first), compact(a.last), compact(b.first), compact(b.last)];
  const straight = al || bl ? (jaroWinkler(af, bf) + jaroWinkler(al, bl)) / 2 : jaroWinkler(af, bf);
  const swapped = (jaroWinkler(af, bl) + jaroWinkler(al, bf)) / 2;
  return Math.max(straight, swapped, jaroWinkler(af + al, bf + bl));
}

export function findDuplicates(db: Db, q: DuplicateQuery, actor: Actor): DuplicateCandidate[] {
  const found = new Map<number, { row: PersonRow; score: number; reasons: Set<DuplicateCandidate['reasons'][number]> }>();
  const add = (row: PersonRow, score: number, reasons: DuplicateCandidate['reasons']) => {
    if (row.id === q.excludePersonId) return;
    const current = found.get(row.id);
    if (!current) found.set(row.id, { row, score, reasons: new Set(reasons) });
    else {
      current.score = Math.max(current.score, score);
      for (const r of reasons) current.reasons.add(r);
    }
  };

  if (q.idNumber) {
    const types = q.idType ? [q.idType] : (['tc', 'foreign', 'passport'] as const);
    for (const type of types) {
      const id = normalizeIdNumber(type, q.idNumber);
      for (const row of db.prepare('SELECT * FROM people WHERE id_number = ? AND id_type = ?').all(id, type) as PersonRow[]) add(row, 1, ['idNumber']);
    }
  }

  const first = fold(q.firstName);
  const last = fold(q.lastName);
  const year = q.birthDate ? Number(q.birthDate.slice(0, 4)) : (q.birthYear ?? null);
  const pool = new Map<number, PersonRow>();
  const collect = (rows: PersonRow[]) => rows.forEach((r) => pool.set(r.id, r));
  if (year !== null) {
    const byYear = { first, last, lo: year - 1, hi: year + 1 };
    if (last) collect(db.prepare('SELECT * FROM people WHERE last_name_folded = @last AND birth_year BETWEEN @lo AND @hi LIMIT 500').all(byYear) as PersonRow[]);
    collect(db.prepare('SELECT * FROM people WHERE first_name_folded = @first AND birth_year BETWEEN @lo AND @hi LIMIT 500').all(byYear) as PersonRow[]);
    // Given and family name swapped on one of the two forms.
    collect(db.prepare('SELECT * FROM people WHERE last_name_folded = @first AND birth_year BETWEEN @lo AND @hi LIMIT 200').all(byYear) as PersonRow[]);
  }
  // The same folded name, whatever is known of the birth.
  collect(db.prepare('SELECT * FROM people WHERE last_name_folded = ? AND first_name_folded = ? LIMIT 200').all(last, first) as PersonRow[]);

  for (const row of pool.values()) {
    const similarity = nameSimilarity({ first: q.firstName, last: q.lastName }, { first: row.first_name, last: row.last_name });
    if (similarity < SIMILAR_NAME) continue;
    const nameReason = compact(row.first_name + row.last_name) === compact(q.firstName + q.lastName) ? 'sameName' : 'similarName';
    if (q.birthDate && row.birth_date) {
      if (row.birth_date === q.birthDate) add(row, 0.6 + 0.4 * similarity, [nameReason, 'birthDate']);
      continue; // two exact dates that differ: two different children
    }
    if (year !== null && row.birth_year !== null) {
      if (Math.abs(row.birth_year - year) <= (row.birth_approximate || !q.birthDate ? 1 : 0)) add(row, 0.4 + 0.4 * similarity, [nameReason, 'birthYear']);
      continue;
    }
    if (nameReason === 'sameName') add(row, 0.5, ['sameName']);
  }

  const cases = db.prepare(
    `SELECT c.id, c.case_number, c.status, c.transferred_at IS NOT NULL AS transferred, m.role FROM case_members m JOIN cases c ON c.id = m.case_id WHERE m.person_id = ? ORDER BY c.opened_at DESC LIMIT 20`,
  );
  return [...found.values()]
    .sort((a, b) => b.score - a.score || a.row.sort_key.localeCompare(b.row.sort_key))
    .slice(0, 10)
    .map(({ row, score, reasons }) => {
      const rows = cases.all(row.id) as Array<{ id: number; case_number: string; status: DuplicateCandidate['cases'][number]['status']; transferred: number; role: DuplicateCandidate['cases'][number]['role'] }>;
      const visible = visibleCaseIds(
        db,
        actor,
        rows.map((r) => r.id),
      );
      return {
        personId: row.id,
        firstName: row.first_name,
        lastName: row.last_name,
        birthDate: row.birth_date,
        birthYear: row.birth_year,
        idNumberMasked: row.id_number ? `${'•'.repeat(Math.max(0, row.id_number.length - 4))}${row.id_number.slice(-4)}` : null,
        score: Math.round(score * 100) / 100,
        reasons: [...reasons],
        cases: rows.map((r) => ({ id: r.id, caseNumber: r.case_number, status: r.status, transferred: r.transferred === 1, role: r.role, visible: visible.has(r.id) })),
      };
    });
}
