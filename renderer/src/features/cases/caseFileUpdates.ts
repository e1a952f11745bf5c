/**
 * The case file updated from a write's reply (issue 12): a saved note, an added
 * service, a plan goal or action, a task, a lifecycle step, a member or person edit
 * goes into the loaded file in place, with the other slices the write changed (its
 * `parts`), so the page does not load the whole file again (and the audit log gets
 * no second `case.viewed` row). The referrals, court and transfer panels keep their own lists
 * (`referrals.listForCase`, `court.forCase`, `transfers.forCase`): a write's row goes into its
 * list here, and what it changed of the file (the tasks it opened or closed) comes as `parts`.
 */
import type { Output } from '../../../../shared/api/contract';
import type { CaseFile, CaseFileParts, CaseHeader, Member, NoteSummary, Person, PlanAction, PlanGoal, ServiceRecord, Task } from '../../../../shared/api/schemas/cases';
import type { CaseCourt, CourtOrder, CourtOrderWritten, Hearing, HearingWritten } from '../../../../shared/api/schemas/court';
import type { Referral, ReferralWritten } from '../../../../shared/api/schemas/referrals';

/** A change to the loaded case file, made from a write's reply. */
export type FileChange = (file: CaseFile) => CaseFile;

/** The order of the file's notes: `occurred_at DESC, id DESC` (notesRepo.listNotes). */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const noteOrder = (a: NoteSummary, b: NoteSummary): number => byText(b.occurredAt, a.occurredAt) || b.id - a.id;

/** A note added or edited: replaced by id or inserted in order; the flags when the note raised one. */
export function withNote(file: CaseFile, written: Output<'notes.add'>): CaseFile {
  const { caseFlags, ...note } = written;
  const known = file.notes.some((n) => n.id === note.id);
  const notes = known ? file.notes.map((n) => (n.id === note.id ? note : n)) : [...file.notes, note];
  return {
    ...file,
    notes: notes.sort(noteOrder),
    notesTotal: known ? file.notesTotal : file.notesTotal + 1,
    ...(caseFlags ? { flags: caseFlags } : {}),
  };
}

/** The order of the file's services: `delivered_on DESC, id DESC` (servicesRepo.listServices). */
export function withService(file: CaseFile, service: ServiceRecord): CaseFile {
  const services = [...file.services.filter((s) => s.id !== service.id), service];
  services.sort((a, b) => byText(b.deliveredOn, a.deliveredOn) || b.id - a.id);
  return { ...file, services };
}

/** What else of the file a write changed (its `parts`): each slice given replaces the loaded one. */
export function withParts(file: CaseFile, parts: CaseFileParts | undefined): CaseFile {
  if (!parts) return file;
  const defined = Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined)) as CaseFileParts;
  return { ...file, ...defined };
}

/** A lifecycle write (stage, closure, assignment): the new case header and what it changed. */
export function withCase(file: CaseFile, written: CaseHeader & { parts?: CaseFileParts | undefined }): CaseFile {
  const { parts, ...header } = written;
  return withParts({ ...file, case: header }, parts);
}

/** A plan goal added or edited: replaced by id, or added at the end (planRepo.listPlan: oldest first). */
export function withGoal(file: CaseFile, goal: PlanGoal): CaseFile {
  const known = file.plan.some((g) => g.id === goal.id);
  return { ...file, plan: known ? file.plan.map((g) => (g.id === goal.id ? goal : g)) : [...file.plan, goal] };
}

/** The order of a goal's actions: `due_on IS NULL, due_on, id` (planRepo.listPlan). */
const actionOrder = (a: PlanAction, b: PlanAction): number =>
  Number(a.dueOn === null) - Number(b.dueOn === null) || byText(a.dueOn ?? '', b.dueOn ?? '') || a.id - b.id;

/** A plan action added or edited, in its goal (replaced by id or inserted in order); the tasks it changed. */
export function withAction(file: CaseFile, written: PlanAction & { parts?: CaseFileParts | undefined }): CaseFile {
  const { parts, ...action } = written;
  const plan = file.plan.map((g) => {
    if (g.id !== action.goalId) return g;
    const known = g.actions.some((a) => a.id === action.id);
    const actions = known ? g.actions.map((a) => (a.id === action.id ? action : a)) : [...g.actions, action];
    return { ...g, actions: actions.sort(actionOrder) };
  });
  return withParts({ ...file, plan }, parts);
}

/** A task added, completed or reopened: replaced by id or added; the plan when it was a plan action's task. */
export function withTask(file: CaseFile, written: Task & { parts?: CaseFileParts | undefined }): CaseFile {
  const { parts, ...task } = written;
  if (task.caseId !== file.case.id) return file;
  const known = file.tasks.some((x) => x.id === task.id);
  return withParts({ ...file, tasks: known ? file.tasks.map((x) => (x.id === task.id ? task : x)) : [...file.tasks, task] }, parts);
}

/** A member added or edited (its `parts` carry all members: a new primary changes the others). */
export function withMember(file: CaseFile, written: Member & { parts?: CaseFileParts | undefined }): CaseFile {
  const { parts, ...member } = written;
  const known = file.members.some((m) => m.memberId === member.memberId);
  const members = known ? file.members.map((m) => (m.memberId === member.memberId ? member : m)) : [...file.members, member];
  return withParts({ ...file, members }, parts);
}

/** A person's record edited: every member who is that person shows the new record. */
export function withPerson(file: CaseFile, person: Person): CaseFile {
  return { ...file, members: file.members.map((m) => (m.person.id === person.id ? { ...m, person } : m)) };
}

/** A write's `parts` as a change to the loaded file (the referrals, court and transfer panels). */
export const partsOf =
  (written: { parts?: CaseFileParts | undefined }): FileChange =>
  (file) =>
    withParts(file, written.parts);

/** The written row without its `parts`, as the panel's list holds it. */
function rowOf<T extends { parts?: CaseFileParts | undefined }>(written: T): Omit<T, 'parts'> {
  const { parts: _parts, ...row } = written;
  return row;
}

/** Replaced by id or added, then in the list's order. */
function upsert<T extends { id: number }>(list: readonly T[], row: T, order: (a: T, b: T) => number): T[] {
  return [...list.filter((x) => x.id !== row.id), row].sort(order);
}

/** A referral written, in the case's list: newest first (`created_at DESC, id DESC`, referralsRepo.referralRowsOfCase). */
export function withReferral(list: readonly Referral[], written: ReferralWritten): Referral[] {
  return upsert<Referral>(list, rowOf(written), (a, b) => byText(b.createdAt, a.createdAt) || b.id - a.id);
}

/** A hearing written, in the case's court tab: latest first (`hearing_at DESC, id DESC`, courtRepo.hearingRowsOfCase). */
export function withHearing(court: CaseCourt, written: HearingWritten): CaseCourt {
  return { ...court, hearings: upsert<Hearing>(court.hearings, rowOf(written), (a, b) => byText(b.hearingAt, a.hearingAt) || b.id - a.id) };
}

/** An order written, in the case's court tab: latest first (`ordered_on DESC, id DESC`, courtRepo.orderRowsOfCase). */
export function withOrder(court: CaseCourt, written: CourtOrderWritten): CaseCourt {
  return { ...court, orders: upsert<CourtOrder>(court.orders, rowOf(written), (a, b) => byText(b.orderedOn, a.orderedOn) || b.id - a.id) };
}
