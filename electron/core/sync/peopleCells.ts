/**
 * `people` as sync cells. A cell is the unit that changes together and wins or
 * loses as a whole: the names, each contact field, and two groups that the table's
 * rules tie together (birth = date, year, approximate; identity = type and number).
 * Derived columns (folded names, sort key, search index, the cases' child sort key)
 * are recomputed on every replica, never sent.
 */
import { z } from 'zod';
import { ID_TYPES, LEGAL_STATUSES, SEXES } from '../../../shared/api/schemas/cases';
import type { PersonFields } from '../cases/peopleRepo';

const nullableText = z.string().max(2000).nullable();
export const PEOPLE_CELLS = {
  firstName: z.string().max(200),
  lastName: z.string().max(200),
  birth: z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(), z.number().int().nullable(), z.boolean()]),
  sex: z.enum(SEXES),
  nationality: nullableText,
  legalStatus: z.enum(LEGAL_STATUSES).nullable(),
  identity: z.union([z.tuple([z.enum(ID_TYPES), z.string().min(1).max(40)]), z.tuple([z.null(), z.null()])]),
  languages: z.array(z.string().max(80)).max(50),
  school: nullableText,
  disability: nullableText,
  address: nullableText,
  phone: nullableText,
} as const;
export type PeopleCell = keyof typeof PEOPLE_CELLS;
export const PEOPLE_CELL_NAMES = Object.keys(PEOPLE_CELLS) as PeopleCell[];

export function cellsOfPerson(p: PersonFields): Record<PeopleCell, unknown> {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    birth: [p.birthDate, p.birthYear, p.birthApproximate],
    sex: p.sex,
    nationality: p.nationality,
    legalStatus: p.legalStatus,
    identity: [p.idType, p.idNumber],
    languages: p.languages,
    school: p.school,
    disability: p.disability,
    address: p.address,
    phone: p.phone,
  };
}

export function isPeopleCell(col: string): col is PeopleCell {
  return Object.hasOwn(PEOPLE_CELLS, col);
}

export function validPeopleValue(col: string, value: unknown): boolean {
  return isPeopleCell(col) && PEOPLE_CELLS[col].safeParse(value).success;
}
