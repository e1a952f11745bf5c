/**
 * The institution directory (seed 000's list as a starting set, editable).
 * Owns the SQL of `institutions`. Names are searched folded (Turkish rules,
 * "isadem" finds "İSADEM") and sorted by the Turkish sort key.
 */
import { CodedError } from '../../../shared/api/envelope';
import type { Institution, InstitutionType, InstitutionUpsert } from '../../../shared/api/schemas/referrals';
import { fold, sortKey } from '../../../shared/text/turkish';
import type { Db } from '../db/open';
import type { SeedInstitution } from '../db/migrations/m004ReferralsCourt';

interface Row {
  id: number;
  code: string | null;
  name: string;
  type: InstitutionType;
  address: string | null;
  phone: string | null;
  email: string | null;
  kep: string | null;
  contact_person: string | null;
  services: string;
  active: number;
  version: number;
  updated_at: string;
}

const toInstitution = (r: Row): Institution => ({
  id: r.id,
  code: r.code,
  name: r.name,
  type: r.type,
  address: r.address,
  phone: r.phone,
  email: r.email,
  kep: r.kep,
  contactPerson: r.contact_person,
  services: JSON.parse(r.services) as string[],
  active: r.active === 1,
  version: r.version,
  updatedAt: r.updated_at,
});

export interface InstitutionQuery {
  q?: string | undefined;
  type?: InstitutionType | undefined;
  includeInactive?: boolean | undefined;
  limit?: number | undefined;
}

/** The folded query's words must each appear in the folded name (any order). */
export function listInstitutions(db: Db, query: InstitutionQuery = {}): Institution[] {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: query.limit ?? 500 };
  if (!query.includeInactive) where.push('active = 1');
  if (query.type) {
    where.push('type = @type');
    params.type = query.type;
  }
  const words = fold(query.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 8);
  words.forEach((word, i) => {
    where.push(`instr(name_folded, @w${i}) > 0`);
    params[`w${i}`] = word;
  });
  const sql = `SELECT * FROM institutions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sort_key, id LIMIT @limit`;
  return (db.prepare(sql).all(params) as Row[]).map(toInstitution);
}

export function getInstitution(db: Db, id: number): Institution {
  const row = db.prepare('SELECT * FROM institutions WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new CodedError('institutions.notFound');
  return toInstitution(row);
}

/** An institution a new referral or order may name: known and active. */
export function assertActiveInstitution(db: Db, id: number, field: string): Institution {
  const row = db.prepare('SELECT * FROM institutions WHERE id = ?').get(id) as Row | undefined;
  if (!row || row.active !== 1) throw new CodedError('institutions.notFound', { field });
  return toInstitution(row);
}

/** Creates (no id) or updates (id + expectedVersion) an entry; returns it and whether it was new. */
export function upsertInstitution(db: Db, input: InstitutionUpsert, actor: string, now: string): { institution: Institution; created: boolean } {
  const name = input.name.replace(/\s+/g, ' ');
  const services = [...new Set(input.services)];
  const duplicate = institutionNamed(db, name);
  if (duplicate !== null && duplicate !== input.id) throw new CodedError('institutions.duplicateName', { field: 'name' });
  const values = {
    name,
    folded: fold(name),
    sortKey: sortKey(name),
    type: input.type,
    address: input.address,
    phone: input.phone,
    email: input.email,
    contact: input.contactPerson,
    kep: input.kep ?? null,
    services: JSON.stringify(services),
    active: input.active ? 1 : 0,
    actor,
    now,
  };
  if (input.id !== undefined) {
    const current = getInstitution(db, input.id);
    if (current.version !== input.expectedVersion) throw new CodedError('institutions.conflict');
    if (input.kep === undefined) values.kep = current.kep;
    db.prepare(
      `UPDATE institutions SET name = @name, name_folded = @folded, sort_key = @sortKey, type = @type, address = @address, phone = @phone,
         email = @email, kep = @kep, contact_person = @contact, services = @services, active = @active, version = version + 1, updated_at = @now, updated_by = @actor
       WHERE id = @id`,
    ).run({ ...values, id: input.id });
    return { institution: getInstitution(db, input.id), created: false };
  }
  const id = Number(
    db
      .prepare(
        `INSERT INTO institutions (code, name, name_folded, sort_key, type, address, phone, email, kep, contact_person, services, active, version, created_at, created_by, updated_at, updated_by)
         VALUES (NULL, @name, @folded, @sortKey, @type, @address, @phone, @email, @kep, @contact, @services, @active, 1, @now, @actor, @now, @actor)`,
      )
      .run(values).lastInsertRowid,
  );
  return { institution: getInstitution(db, id), created: true };
}

/** The entry with this name (folded: case and diacritics do not count), or null. */
export const institutionNamed = (db: Db, name: string): number | null =>
  (db.prepare('SELECT id FROM institutions WHERE name_folded = ?').get(fold(name)) as { id: number } | undefined)?.id ?? null;

// --- the seeded directory (directorySeed.ts) -----------------------------------------------

/** The seeded entries (those with a code). */
export const seededInstitutionRows = (db: Db): Array<{ id: number; code: string; version: number; active: number }> =>
  db.prepare('SELECT id, code, version, active FROM institutions WHERE code IS NOT NULL').all() as Array<{ id: number; code: string; version: number; active: number }>;

/** Whether a referral, hearing or order names the entry. */
export function institutionInUse(db: Db, id: number): boolean {
  const row = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM referrals WHERE institution_id = @id)
           OR EXISTS (SELECT 1 FROM court_hearings WHERE court_institution_id = @id)
           OR EXISTS (SELECT 1 FROM court_orders WHERE responsible_institution_id = @id) AS used`,
    )
    .get({ id }) as { used: number };
  return row.used === 1;
}

export const deleteInstitution = (db: Db, id: number): void => void db.prepare('DELETE FROM institutions WHERE id = ?').run(id);

export const deactivateInstitution = (db: Db, id: number, now: string): void =>
  void db.prepare('UPDATE institutions SET active = 0, version = version + 1, updated_at = ? WHERE id = ?').run(now, id);

export function insertSeedInstitution(db: Db, i: SeedInstitution, now: string): void {
  db.prepare(
    `INSERT INTO institutions (code, name, name_folded, sort_key, type, address, phone, services, active, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  ).run(i.code, i.name, fold(i.name), sortKey(i.name), i.type, i.address ?? null, i.phone ?? null, JSON.stringify(i.services), now, now);
}
