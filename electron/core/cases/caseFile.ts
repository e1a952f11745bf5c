/** The full case file (cases.get): everything a caseworker sees on the case page. */
import type { CaseFile, CaseFilePart, CaseFileParts } from '../../../shared/api/schemas/cases';
import type { Db } from '../db/open';
import { latestHandover } from '../calendar/coversRepo';
import { coverForOf, type Actor } from './access';
import { caseHeader, listMembers, statusHistory } from './casesRepo';
import { listFlags } from './flags';
import { getHousehold } from './householdsRepo';
import { listIntakes } from './intakesRepo';
import { listNotes } from './notesRepo';
import { listPlan } from './planRepo';
import { listServices } from './servicesRepo';
import { tasksForCase } from './tasksRepo';
import { userLookup, type UserLookup } from './userRefs';

export function caseFile(db: Db, caseId: number, actor: Actor, users: UserLookup): CaseFile {
  const header = caseHeader(db, caseId, users);
  const { notes, total } = listNotes(db, caseId, users);
  return {
    case: header,
    household: getHousehold(db, header.householdId)!,
    members: listMembers(db, caseId, actor),
    intakes: listIntakes(db, caseId, users),
    statusHistory: statusHistory(db, caseId, users),
    notes,
    notesTotal: total,
    services: listServices(db, caseId, users),
    plan: listPlan(db, caseId, users),
    tasks: tasksForCase(db, caseId, users),
    flags: listFlags(db, caseId, users),
    coverFor: actor.readAll ? null : ((id) => (id ? users(id) : null))(coverForOf(db, actor, caseId)),
    handover: latestHandover(db, caseId, users),
  };
}

/**
 * Only the named slices of the file (issue 12): what a write changed besides its own row,
 * re-read in the write's transaction for its reply. Reading them is part of the write, not
 * a view of the file: no `case.viewed` row.
 */
export function caseFileParts(db: Db, caseId: number, actor: Actor, users: UserLookup, parts: readonly CaseFilePart[]): CaseFileParts {
  const out: CaseFileParts = {};
  for (const part of parts) {
    if (part === 'case') out.case = caseHeader(db, caseId, users);
    else if (part === 'members') out.members = listMembers(db, caseId, actor);
    else if (part === 'intakes') out.intakes = listIntakes(db, caseId, users);
    else if (part === 'statusHistory') out.statusHistory = statusHistory(db, caseId, users);
    else if (part === 'notes' || part === 'notesTotal') {
      const { notes, total } = listNotes(db, caseId, users);
      out.notes = notes;
      out.notesTotal = total;
    } else if (part === 'plan') out.plan = listPlan(db, caseId, users);
    else if (part === 'tasks') out.tasks = tasksForCase(db, caseId, users);
    else if (part === 'flags') out.flags = listFlags(db, caseId, users);
    else out.handover = latestHandover(db, caseId, users);
  }
  return out;
}

/**
 * A write on a case and the slices of its file it changed (`parts`), issue 12: for writes outside
 * the cases area (referrals, court) whose result names its case. Their specs declare an audit
 * action, so the router already runs the handler in one transaction: the parts are read in it.
 * The page merges the reply; it does not load the file again.
 */
export function writtenWithParts<T extends { caseId: number }>(db: Db, actor: Actor, parts: readonly CaseFilePart[], write: () => T): T & { parts: CaseFileParts } {
  const written = write();
  return { ...written, parts: caseFileParts(db, written.caseId, actor, userLookup(db), parts) };
}
