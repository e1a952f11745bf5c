import type { CaseListRow, Member } from '../../../../shared/api/schemas/cases';

export const personName = (p: { firstName: string; lastName: string } | null | undefined): string => (p ? `${p.firstName} ${p.lastName}`.trim() : '—');

/** Age in whole years from a birth date (or approximate from the year), for lists. */
export function ageOf(p: { birthDate: string | null; birthYear: number | null }, today = new Date()): number | null {
  if (p.birthDate) {
    const b = new Date(`${p.birthDate}T00:00:00`);
    let age = today.getFullYear() - b.getFullYear();
    if (today.getMonth() < b.getMonth() || (today.getMonth() === b.getMonth() && today.getDate() < b.getDate())) age -= 1;
    return age;
  }
  return p.birthYear ? today.getFullYear() - p.birthYear : null;
}

export const childOf = (row: CaseListRow) => row.child;
export const childrenOf = (members: Member[]) => members.filter((m) => m.role === 'child');
