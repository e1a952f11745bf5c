/** The full case file (cases.get): everything a caseworker sees on the case page. */
import type { CaseFile } from '../../../shared/api/schemas/cases';
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
import type { UserLookup } from './userRefs';

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
