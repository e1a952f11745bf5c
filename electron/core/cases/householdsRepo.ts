/** Households (the family a case is about). Owns the SQL of `households` and `households_fts`. */
import type { Household, HouseholdInput } from '../../../shared/api/schemas/cases';
import { fold } from '../../../shared/text/turkish';
import type { Db } from '../db/open';

interface Row {
  id: number;
  name: string;
  address: string | null;
  district: string | null;
  city: string | null;
  phone: string | null;
}

const toHousehold = (r: Row): Household => ({ id: r.id, name: r.name, address: r.address, district: r.district, city: r.city, phone: r.phone });

export const householdIndexRow = (h: { name: string; address: string | null; district: string | null; city: string | null; phone: string | null }) => ({
  name: fold(h.name),
  address: fold([h.address, h.district, h.city].filter(Boolean).join(' ')),
  phone: (h.phone ?? '').replace(/\D/g, ''),
});

export function householdStatements(db: Db) {
  return {
    insert: db.prepare(
      `INSERT INTO households (name, address, district, city, phone, created_at, created_by, updated_at)
       VALUES (@name, @address, @district, @city, @phone, @now, @actor, @now)`,
    ),
    index: db.prepare('INSERT INTO households_fts (rowid, name, address, phone) VALUES (@id, @name, @address, @phone)'),
  };
}

export function insertHousehold(db: Db, h: HouseholdInput, actor: string | null, now: string): number {
  const st = householdStatements(db);
  const values = { name: h.name, address: h.address ?? null, district: h.district ?? null, city: h.city ?? null, phone: h.phone ?? null };
  const id = Number(st.insert.run({ ...values, now, actor }).lastInsertRowid);
  st.index.run({ id, ...householdIndexRow(values) });
  return id;
}

export function getHousehold(db: Db, id: number): Household | null {
  const row = db.prepare('SELECT id, name, address, district, city, phone FROM households WHERE id = ?').get(id) as Row | undefined;
  return row ? toHousehold(row) : null;
}
