/**
 * What part of the office's case data a method touches, declared on its
 * MethodSpec so the router (not each handler) refuses ids of cases the caller
 * may not see. Three forms:
 *   'none'   — no case data at all (app info, sign-in, users, settings, lists);
 *   'office' — many cases at once (lists, search, dashboard, statistics,
 *              backups): the handler restricts what it returns by visibility;
 *   { 'field.path': kind, ... } — each named input field holds the id of a
 *              case, person, household, … The router resolves every such id to
 *              its case(s) and answers 'api.notFound' (exactly as for an id that
 *              does not exist) unless the caller may see them, before the
 *              handler runs.
 * Paths are dotted ('household.id', 'consent.givenByPersonId'); `[]` steps
 * into each element of an array ('members[].personId', 'sharedNoteIds[]').
 * Absent and null values are skipped.
 */
export const SCOPE_KINDS = [
  'case',
  'person',
  'household',
  'assessment',
  'referral',
  'hearing',
  'order',
  'note',
  'goal',
  'action',
  'task',
  'document',
  'attachment',
] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export type IdFields = Readonly<Record<string, ScopeKind>>;
export type Scope = 'none' | 'office' | IdFields;

/** The ids found at `path` in `input` (see the header for the path syntax), each with its concrete field ('members.1.personId'). */
export function idsWithFields(input: unknown, path: string): Array<{ field: string; id: number }> {
  let values: Array<{ field: string[]; value: unknown }> = [{ field: [], value: input }];
  for (const step of path.split('.')) {
    const each = step.endsWith('[]');
    const key = each ? step.slice(0, -2) : step;
    const next: typeof values = [];
    for (const { field, value } of values) {
      if (value === null || typeof value !== 'object') continue;
      const child = (value as Record<string, unknown>)[key];
      if (!each) next.push({ field: [...field, key], value: child });
      else if (Array.isArray(child)) (child as unknown[]).forEach((item, i) => next.push({ field: [...field, key, String(i)], value: item }));
    }
    values = next;
  }
  return values.filter((v) => typeof v.value === 'number').map((v) => ({ field: v.field.join('.'), id: v.value as number }));
}

/** The ids found at `path` in `input`. */
export const idsAt = (input: unknown, path: string): number[] => idsWithFields(input, path).map((v) => v.id);
