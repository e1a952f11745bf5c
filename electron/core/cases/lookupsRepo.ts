/** Editable lists: intake channels, concern categories, services. Owns the SQL of `lookups`. */
import { CodedError } from '../../../shared/api/envelope';
import type { Lookup, LookupKind } from '../../../shared/api/schemas/cases';
import { fold } from '../../../shared/text/turkish';
import type { Db } from '../db/open';

interface Row {
  kind: LookupKind;
  code: string;
  label_tr: string;
  label_en: string;
  active: number;
  sort_order: number;
  seed_share: number | null;
}

const toLookup = (r: Row): Lookup => ({
  kind: r.kind,
  code: r.code,
  labelTr: r.label_tr,
  labelEn: r.label_en,
  active: r.active === 1,
  sortOrder: r.sort_order,
  seedShare: r.seed_share,
});

export function listLookups(db: Db, kind?: LookupKind, includeInactive = false): Lookup[] {
  const where = [kind ? 'kind = @kind' : '', includeInactive ? '' : 'active = 1'].filter(Boolean);
  const sql = `SELECT * FROM lookups ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY kind, sort_order, code`;
  return (db.prepare(sql).all(kind ? { kind } : {}) as Row[]).map(toLookup);
}

export function getLookup(db: Db, kind: LookupKind, code: string): Lookup | null {
  const row = db.prepare('SELECT * FROM lookups WHERE kind = ? AND code = ?').get(kind, code) as Row | undefined;
  return row ? toLookup(row) : null;
}

/** A code a new record may use: known and active. */
export function assertLookup(db: Db, kind: LookupKind, code: string, field: string): void {
  const row = db.prepare('SELECT active FROM lookups WHERE kind = ? AND code = ?').get(kind, code) as { active: number } | undefined;
  if (!row || row.active !== 1) throw new CodedError('lookups.unknownCode', { field });
}

/** "Aile içi şiddet / Domestic violence" → "domestic_violence". */
export function codeFromLabel(label: string): string {
  const base = fold(label)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36);
  return base.length >= 2 ? base : `item_${base}`;
}

export interface LookupUpsert {
  kind: LookupKind;
  code?: string | undefined;
  labelTr: string;
  labelEn: string;
  active: boolean;
  sortOrder?: number | undefined;
}

/** Creates (no code) or updates (code given) an entry; returns it and whether it was new. */
export function upsertLookup(db: Db, input: LookupUpsert, now: string): { lookup: Lookup; created: boolean } {
  if (input.code) {
    const current = getLookup(db, input.kind, input.code);
    if (!current) throw new CodedError('lookups.notFound');
    db.prepare('UPDATE lookups SET label_tr = ?, label_en = ?, active = ?, sort_order = ?, updated_at = ? WHERE kind = ? AND code = ?').run(
      input.labelTr,
      input.labelEn,
      input.active ? 1 : 0,
      input.sortOrder ?? current.sortOrder,
      now,
      input.kind,
      input.code,
    );
    return { lookup: getLookup(db, input.kind, input.code)!, created: false };
  }
  let code = codeFromLabel(input.labelEn);
  for (let n = 2; getLookup(db, input.kind, code); n += 1) code = `${codeFromLabel(input.labelEn)}_${n}`;
  const max = db.prepare('SELECT coalesce(max(sort_order), 0) AS m FROM lookups WHERE kind = ?').get(input.kind) as { m: number };
  db.prepare(
    'INSERT INTO lookups (kind, code, label_tr, label_en, sort_order, active, seed_share, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)',
  ).run(input.kind, code, input.labelTr, input.labelEn, input.sortOrder ?? max.m + 10, input.active ? 1 : 0, now, now);
  return { lookup: getLookup(db, input.kind, code)!, created: true };
}
