/**
 * Reading the audit log for people (issue 14, item 7): the filtered rows with
 * who did it (display name), which case (number and primary child) and which
 * named thing (a user, an institution) instead of internal ids. The chain
 * itself (auditLog.ts) is untouched: this only reads.
 */
import type { AuditFilter, ReadableAuditEntry } from '../../../shared/api/methods/audit';
import { namedDetail } from '../../../shared/audit/readable';
import type { Db } from '../db/open';
import type { AuditRow } from './auditLog';

interface Query extends AuditFilter {
  limit: number;
  beforeSeq?: number | undefined;
}

type RawRow = Omit<AuditRow, 'prevHash' | 'hash'>;

/** The case a number names, or null. */
export function caseIdByNumber(db: Db, caseNumber: string): number | null {
  const row = db.prepare('SELECT id FROM cases WHERE case_number = ?').get(caseNumber.trim()) as { id: number } | undefined;
  return row?.id ?? null;
}

/** Rows of a case: about the case itself, or about its assessments, referrals and hearings, or naming it in their details. */
const CASE_CLAUSE = `(
  (target_type = 'case' AND target_id = @caseText)
  OR (target_type = 'assessment' AND target_id IN (SELECT CAST(id AS TEXT) FROM assessments WHERE case_id = @caseId))
  OR (target_type = 'referral' AND target_id IN (SELECT CAST(id AS TEXT) FROM referrals WHERE case_id = @caseId))
  OR (target_type = 'hearing' AND target_id IN (SELECT CAST(id AS TEXT) FROM court_hearings WHERE case_id = @caseId))
  OR json_extract(details, '$.caseId') = @caseId
)`;

export function searchAudit(db: Db, q: Query): { rows: ReadableAuditEntry[]; unknownCase: boolean } {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: q.limit };
  const filters: Array<[string, string | number | undefined]> = [
    ['at >= @from', q.from],
    ['at < @to', q.to],
    ['action = @action', q.action],
    ['actor_id = @actorId', q.actorId],
    ['seq < @beforeSeq', q.beforeSeq],
  ];
  for (const [clause, value] of filters) {
    if (value === undefined || value === '') continue;
    where.push(clause);
    params[clause.slice(clause.indexOf('@') + 1)] = value;
  }
  if (q.caseNumber) {
    const caseId = caseIdByNumber(db, q.caseNumber);
    if (caseId === null) return { rows: [], unknownCase: true };
    where.push(CASE_CLAUSE);
    params.caseId = caseId;
    params.caseText = String(caseId);
  }
  const raw = db
    .prepare(
      `SELECT seq, at, actor_id AS actorId, actor_name AS actorName, action, target_type AS targetType, target_id AS targetId, details
       FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @limit`,
    )
    .all(params) as RawRow[];
  return { rows: resolve(db, raw), unknownCase: false };
}

/** Names for the ids of a page of rows, each looked up once. */
function resolve(db: Db, raw: RawRow[]): ReadableAuditEntry[] {
  const memo = new Map<string, unknown>();
  const once = <T>(key: string, load: () => T): T => {
    if (!memo.has(key)) memo.set(key, load());
    return memo.get(key) as T;
  };
  // Each statement is prepared once per page (an export resolves thousands of rows).
  const statements = new Map<string, ReturnType<Db['prepare']>>();
  const stmt = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const userName = (id: string | null) =>
    id ? once(`u:${id}`, () => (stmt('SELECT display_name AS n FROM users WHERE id = ?').get(id) as { n: string } | undefined)?.n ?? null) : null;
  const caseOf = (table: 'assessments' | 'referrals' | 'court_hearings', id: string) =>
    once(`${table}:${id}`, () => (stmt(`SELECT case_id AS c FROM ${table} WHERE id = ?`).get(Number(id)) as { c: number } | undefined)?.c ?? null);
  const caseInfo = (id: number) =>
    once(`c:${id}`, () => {
      const c = stmt('SELECT case_number AS n FROM cases WHERE id = ?').get(id) as { n: string } | undefined;
      if (!c) return null;
      const child = stmt(
        `SELECT p.first_name AS f, p.last_name AS l FROM case_members m JOIN people p ON p.id = m.person_id
           WHERE m.case_id = ? AND m.role = 'child' ORDER BY m.is_primary DESC, m.id LIMIT 1`,
      ).get(id) as { f: string; l: string } | undefined;
      return { number: c.n, name: child ? `${child.f} ${child.l}`.trim() : null };
    });
  const service = (code: string) =>
    once(`s:${code}`, () => (stmt(`SELECT label_tr AS tr, label_en AS en FROM lookups WHERE kind = 'service' AND code = ?`).get(code) as { tr: string; en: string } | undefined) ?? null);
  const institution = (id: string) =>
    once(`i:${id}`, () => (stmt('SELECT name AS n FROM institutions WHERE id = ?').get(Number(id)) as { n: string } | undefined)?.n ?? null);

  return raw.map((r) => {
    const details = JSON.parse(r.details) as Record<string, string | number | boolean | null>;
    let caseId: number | null = null;
    if (r.targetType === 'case' && r.targetId) caseId = Number(r.targetId);
    else if (typeof details.caseId === 'number') caseId = details.caseId;
    else if (r.targetId && r.targetType === 'assessment') caseId = caseOf('assessments', r.targetId);
    else if (r.targetId && r.targetType === 'referral') caseId = caseOf('referrals', r.targetId);
    else if (r.targetId && r.targetType === 'hearing') caseId = caseOf('court_hearings', r.targetId);
    const info = caseId !== null && Number.isInteger(caseId) ? caseInfo(caseId) : null;
    let targetName: string | null = null;
    if (r.targetType === 'user') targetName = userName(r.targetId);
    else if (r.targetType === 'institution' && r.targetId) targetName = institution(r.targetId);
    // Ids in the details (a colleague, the caseworker of an export, parallel cases) by name; an id no longer found stays as it is.
    const detailNames: NonNullable<ReadableAuditEntry['detailNames']> = {};
    for (const [key, value] of Object.entries(details)) {
      const kind = value === null || typeof value === 'boolean' || value === '' ? null : namedDetail(r.action, key);
      if (!kind) continue;
      if (kind === 'service') {
        const label = service(String(value));
        if (label) detailNames[key] = label;
        continue;
      }
      const names = String(value)
        .split(',')
        .filter(Boolean)
        .map((id) => (kind === 'user' ? userName(id) : kind === 'institution' ? institution(id) : (caseInfo(Number(id))?.number ?? null)) ?? id);
      if (names.length) detailNames[key] = names.join(', ');
    }
    return {
      seq: r.seq,
      at: r.at,
      actorId: r.actorId,
      actorName: r.actorName,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      details,
      actorDisplayName: userName(r.actorId),
      caseId: info ? caseId : null,
      caseNumber: info?.number ?? null,
      caseName: info?.name ?? null,
      targetName,
      detailNames,
    };
  });
}

export function auditActors(db: Db): Array<{ id: string; displayName: string }> {
  return db
    .prepare('SELECT id, display_name AS displayName FROM users WHERE id IN (SELECT DISTINCT actor_id FROM audit_log WHERE actor_id IS NOT NULL) ORDER BY display_name')
    .all() as Array<{ id: string; displayName: string }>;
}
