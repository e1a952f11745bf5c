/**
 * Cases area handlers (issue 6). Each write runs in one transaction together
 * with its audit row (ids and codes only); every case view is audited too.
 * Visibility is checked here on every case-bound call (assertCaseVisible):
 * a case out of sight answers 'cases.notFound'.
 */
import type { AuditDetails } from '../../../shared/api/auditDetailKeys';
import { CodedError } from '../../../shared/api/envelope';
import type { CaseFilePart, CaseFileParts, MemberInput } from '../../../shared/api/schemas/cases';
import type { AuditAction } from '../audit/auditLog';
import { recordHandover } from '../calendar/coversRepo';
import { actorOf, assertCaseVisible, type Actor } from '../cases/access';
import { caseFile, caseFileParts } from '../cases/caseFile';
import { assertAssignable, assertHasChild, caseHeader, casesOfPerson, isCaseMember, listCases, listMembers, requireCase, requireOpenCase, updateMember } from '../cases/casesRepo';
import { dashboardBounds, localDay, toUtc } from '../cases/dates';
import { findDuplicates } from '../cases/duplicates';
import { listFlags, raiseRefusedVisit, resolveFlag } from '../cases/flags';
import * as life from '../cases/lifecycle';
import { assertLookup, listLookups, upsertLookup } from '../cases/lookupsRepo';
import { editNote, getNote, insertNote, noteCase, noteVersions, type NoteContent } from '../cases/notesRepo';
import { updatePerson } from '../cases/peopleRepo';
import { getAction, getActionRow, getGoal, goalCase, insertAction, insertGoal, markActionDoneFromTask, reopenActionFromTask, updateAction, updateGoal } from '../cases/planRepo';
import { search } from '../cases/searchRepo';
import { getService, insertService } from '../cases/servicesRepo';
import { completeTask, dashboard, getTask, insertTask, taskCase, undoCompleteTask } from '../cases/tasksRepo';
import { userLookup } from '../cases/userRefs';
import type { Db } from '../db/open';
import type { Handlers, RecordAudit } from '../router';
import type { CoreServices } from '../services';
import type { Session } from '../session';
import { findUserById, listUsers } from '../users/usersRepo';

interface Ctx {
  db: Db;
  actor: Actor;
  clock: life.Clock;
  now: string;
  /** Fills in the audit row the router writes in this call's transaction (the spec declares the action). */
  note: RecordAudit;
}

function ctxOf({ services, session, audit }: { services: CoreServices; session: Session; audit: RecordAudit }): Ctx {
  const now = services.now();
  return { db: services.vault.database, actor: actorOf(session), clock: { now }, now: now.toISOString(), note: audit };
}

type Details = AuditDetails;
/** What the audit row says: its target and details (the action is the spec's, or `action` where one method records two). */
function audit(c: Ctx, action: AuditAction, targetType: string, targetId: number | string, details?: Details): void {
  c.note({ action, targetType, targetId: String(targetId), ...(details ? { details } : {}) });
}

/** What else of the case file a write changed, for its reply (issue 12: the page merges it, no reload). */
function partsOf(c: Ctx, caseId: number, parts: readonly CaseFilePart[]): CaseFileParts {
  return caseFileParts(c.db, caseId, c.actor, userLookup(c.db), parts);
}

/** A plan action's task changes its action too: the case's plan comes back, for a case the actor sees. */
function planOfTask(c: Ctx, task: { caseId: number; source: string; sourceId: string | null }): { parts?: CaseFileParts } {
  if (task.source !== 'plan' || !task.sourceId) return {};
  try {
    assertCaseVisible(c.db, c.actor, task.caseId);
  } catch {
    return {};
  }
  return { parts: partsOf(c, task.caseId, ['plan']) };
}

/** The case exists, the actor may see it, and it is not closed (for changes to its content). */
function openVisibleCase(c: Ctx, caseId: number, closedCode = 'cases.closed'): void {
  assertCaseVisible(c.db, c.actor, caseId);
  requireOpenCase(c.db, caseId, closedCode);
}

function noteContent(c: Ctx, caseId: number, input: Omit<NoteContent, 'present'> & { present: { people: number[]; users: string[]; others?: string | null | undefined } }): NoteContent {
  const occurredAt = toUtc(input.occurredAt);
  if (new Date(occurredAt).getTime() > c.clock.now.getTime() + 5 * 60_000) throw new CodedError('notes.inFuture', { field: 'occurredAt' });
  input.present.people.forEach((id, i) => {
    if (!isCaseMember(c.db, caseId, id)) throw new CodedError('notes.presentNotMember', { field: `present.people.${i}` });
  });
  input.present.users.forEach((id, i) => {
    if (!findUserById(c.db, id)) throw new CodedError('notes.presentUnknownUser', { field: `present.users.${i}` });
  });
  return {
    type: input.type,
    occurredAt,
    body: input.body,
    present: { people: [...new Set(input.present.people)], users: [...new Set(input.present.users)], others: input.present.others ?? null },
    visitRefused: input.visitRefused,
  };
}

const STAFF_ROLES = ['caseworker', 'supervisor'];

/** A saved note for the case file to update itself with: the case's flags too when the note raised one. */
function noteWritten(db: Db, noteId: number, caseId: number, raisedFlag: boolean) {
  const users = userLookup(db);
  const note = getNote(db, noteId, users);
  return raisedFlag ? { ...note, caseFlags: listFlags(db, caseId, users) } : note;
}

export const casesHandlers = {
  // --- cases ---------------------------------------------------------------------------
  'cases.create': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      const created = life.createCase(c.db, c.actor, input, c.clock);
      audit(c, 'case.created', 'case', created.id, { householdId: created.householdId, members: input.members.length, flags: created.flags.join(','), ...((created.parallelTo.length ? { parallelTo: created.parallelTo.join(',') } : {}) satisfies Details) });
      return { id: created.id, caseNumber: created.caseNumber, flags: created.flags };
    })();
  },

  'cases.get': (ctx, input) => {
    const c = ctxOf(ctx);
    assertCaseVisible(c.db, c.actor, input.caseId);
    const file = caseFile(c.db, input.caseId, c.actor, userLookup(c.db));
    audit(c, 'case.viewed', 'case', input.caseId);
    return file;
  },

  'cases.list': (ctx, input) => {
    const c = ctxOf(ctx);
    return listCases(c.db, input, c.actor, userLookup(c.db));
  },

  'cases.search': (ctx, input) => {
    const c = ctxOf(ctx);
    return { hits: search(c.db, input.q, c.actor, input.limit) };
  },

  'cases.staff': ({ services }) =>
    listUsers(services.vault.database)
      .filter((u) => u.roles.some((r) => STAFF_ROLES.includes(r)))
      .map((u) => ({ id: u.id, displayName: u.displayName, roles: u.roles, disabled: u.disabled })),

  // --- people --------------------------------------------------------------------------
  'people.findDuplicates': (ctx, input) => {
    const c = ctxOf(ctx);
    return { candidates: findDuplicates(c.db, input, c.actor) };
  },

  'cases.addPerson': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      openVisibleCase(c, input.caseId);
      const added = life.addMember(c.db, c.actor, input.caseId, input.member, 'member', c.clock, null);
      audit(c, 'case.memberAdded', 'case', input.caseId, { personId: added.personId, role: input.member.role, newPerson: added.newPerson });
      return { ...listMembers(c.db, input.caseId, c.actor, added.memberId)[0]!, parts: partsOf(c, input.caseId, ['members']) };
    })();
  },

  'cases.linkPerson': (ctx, input) => {
    const c = ctxOf(ctx);
    const { caseId, ...rest } = input;
    const member: MemberInput = { ...rest, confirmedNew: false };
    return c.db.transaction(() => {
      openVisibleCase(c, caseId);
      const added = life.addMember(c.db, c.actor, caseId, member, 'member', c.clock, null);
      audit(c, 'case.memberAdded', 'case', caseId, { personId: added.personId, role: input.role, newPerson: false });
      return { ...listMembers(c.db, caseId, c.actor, added.memberId)[0]!, parts: partsOf(c, caseId, ['members']) };
    })();
  },

  'cases.updateMember': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      openVisibleCase(c, input.caseId);
      updateMember(
        c.db,
        input.caseId,
        input.memberId,
        {
          ...(input.role !== undefined ? { role: input.role } : {}),
          ...(input.relationship !== undefined ? { relationship: input.relationship } : {}),
          ...(input.offending !== undefined ? { offending: input.offending } : {}),
          ...(input.contactWithChild !== undefined ? { contactWithChild: input.contactWithChild } : {}),
          ...(input.livesInHousehold !== undefined ? { livesInHousehold: input.livesInHousehold } : {}),
        },
        input.primary === true,
      );
      assertHasChild(c.db, input.caseId); // a case is about at least one child
      audit(c, 'case.memberUpdated', 'case', input.caseId, { memberId: input.memberId });
      // Making one member primary changes the others: the members come back whole.
      return { ...listMembers(c.db, input.caseId, c.actor, input.memberId)[0]!, parts: partsOf(c, input.caseId, ['members']) };
    })();
  },

  'cases.updatePerson': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      const cases = casesOfPerson(c.db, input.personId);
      const visible = cases.find((id) => {
        try {
          assertCaseVisible(c.db, c.actor, id);
          return true;
        } catch {
          return false;
        }
      });
      if (visible === undefined) throw new CodedError('people.notFound');
      const person = updatePerson(c.db, input.personId, input.patch, input.expectedVersion, c.actor.userId, c.now, localDay(c.clock.now));
      audit(c, 'person.updated', 'person', input.personId, { fields: Object.keys(input.patch).sort().join(','), version: person.version });
      return person;
    })();
  },

  // --- intake and lifecycle ------------------------------------------------------------
  'cases.addIntake': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      assertCaseVisible(c.db, c.actor, input.caseId);
      const r = life.addIntake(c.db, c.actor, input.caseId, input.intake, c.clock);
      audit(c, 'case.intakeAdded', 'case', input.caseId, { intakeId: r.intakeId, flags: r.flags.join(',') });
      return { ...r, parts: partsOf(c, input.caseId, ['case', 'intakes', 'statusHistory', 'tasks', 'flags']) };
    })();
  },

  'cases.transition': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      assertCaseVisible(c.db, c.actor, input.caseId);
      const from = life.transition(c.db, c.actor, input.caseId, input.to, input.reason ?? null, c.clock);
      audit(c, 'case.statusChanged', 'case', input.caseId, { from, to: input.to });
      return { ...caseHeader(c.db, input.caseId, userLookup(c.db)), parts: partsOf(c, input.caseId, ['statusHistory', 'tasks']) };
    })();
  },

  'cases.requestClosure': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      assertCaseVisible(c.db, c.actor, input.caseId);
      life.requestClosure(c.db, c.actor, input.caseId, input.reason, c.clock);
      audit(c, 'case.closureRequested', 'case', input.caseId);
      return { ...caseHeader(c.db, input.caseId, userLookup(c.db)), parts: partsOf(c, input.caseId, ['statusHistory', 'tasks']) };
    })();
  },

  'cases.approveClosure': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      assertCaseVisible(c.db, c.actor, input.caseId);
      const cancelled = life.approveClosure(c.db, c.actor, input.caseId, input.reason ?? null, c.clock);
      audit(c, 'case.closed', 'case', input.caseId, { cancelledTasks: cancelled });
      return { ...caseHeader(c.db, input.caseId, userLookup(c.db)), parts: partsOf(c, input.caseId, ['statusHistory', 'tasks', 'plan']) };
    })();
  },

  'cases.refuseClosure': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      assertCaseVisible(c.db, c.actor, input.caseId);
      life.refuseClosure(c.db, c.actor, input.caseId, input.reason, c.clock);
      audit(c, 'case.closureRefused', 'case', input.caseId);
      return { ...caseHeader(c.db, input.caseId, userLookup(c.db)), parts: partsOf(c, input.caseId, ['statusHistory', 'tasks']) };
    })();
  },

  'cases.reopen': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      assertCaseVisible(c.db, c.actor, input.caseId);
      const r = life.reopen(c.db, c.actor, input.caseId, input.intake, c.clock);
      audit(c, 'case.reopened', 'case', input.caseId, { intakeId: r.intakeId, flags: r.flags.join(',') });
      return { case: caseHeader(c.db, input.caseId, userLookup(c.db)), ...r, parts: partsOf(c, input.caseId, ['intakes', 'statusHistory', 'tasks', 'flags', 'plan']) };
    })();
  },

  'cases.assign': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      assertCaseVisible(c.db, c.actor, input.caseId);
      const handover = input.handoverNote?.trim() ?? '';
      const moving = requireCase(c.db, input.caseId).responsible_user_id !== input.responsibleUserId;
      if (moving) assertAssignable(c.db, input.responsibleUserId, 'responsibleUserId');
      // A new responsible caseworker starts from the handover note (issue 17): the first note they see.
      if (moving && !handover) throw new CodedError('cases.handoverRequired', { field: 'handoverNote' });
      const r = life.assign(c.db, c.actor, input.caseId, input.responsibleUserId, input.coWorkerIds, c.clock);
      const handoverNoteId = moving ? recordHandover(c.db, { caseId: input.caseId, from: r.from, to: input.responsibleUserId, body: handover }, c.actor.userId, c.clock.now) : null;
      audit(c, 'case.assigned', 'case', input.caseId, {
        from: r.from,
        to: input.responsibleUserId,
        coWorkers: (input.coWorkerIds ?? []).join(','),
        movedTasks: r.movedTasks,
        handoverNoteId,
      });
      return { ...caseHeader(c.db, input.caseId, userLookup(c.db)), parts: partsOf(c, input.caseId, ['statusHistory', 'tasks', 'notes', 'handover']) };
    })();
  },

  'cases.resolveFlag': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      assertCaseVisible(c.db, c.actor, input.caseId);
      const kind = resolveFlag(c.db, input.caseId, input.flagId, c.actor.userId, c.now);
      audit(c, 'case.flagResolved', 'case', input.caseId, { flagId: input.flagId, kind });
      return { parts: partsOf(c, input.caseId, ['flags']) };
    })();
  },

  // --- notes ---------------------------------------------------------------------------
  'notes.add': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      openVisibleCase(c, input.caseId, 'notes.caseClosed');
      const content = noteContent(c, input.caseId, input);
      const noteId = insertNote(c.db, input.caseId, content, c.actor.userId, c.now);
      const flag = content.type === 'home_visit' && content.visitRefused ? raiseRefusedVisit(c.db, input.caseId, noteId, c.actor.userId, c.now) : null;
      audit(c, 'note.added', 'case', input.caseId, { noteId, type: content.type, flag });
      return noteWritten(c.db, noteId, input.caseId, flag !== null);
    })();
  },

  'notes.edit': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      const { caseId } = noteCase(c.db, input.noteId);
      openVisibleCase(c, caseId, 'notes.caseClosed');
      const content = noteContent(c, caseId, input);
      const version = editNote(c.db, input.noteId, input.expectedVersion, content, c.actor.userId, c.now);
      const flag = content.type === 'home_visit' && content.visitRefused ? raiseRefusedVisit(c.db, caseId, input.noteId, c.actor.userId, c.now) : null;
      audit(c, 'note.edited', 'case', caseId, { noteId: input.noteId, version, flag });
      return noteWritten(c.db, input.noteId, caseId, flag !== null);
    })();
  },

  'notes.versions': (ctx, input) => {
    const c = ctxOf(ctx);
    const { caseId } = noteCase(c.db, input.noteId);
    assertCaseVisible(c.db, c.actor, caseId);
    const versions = noteVersions(c.db, input.noteId, userLookup(c.db));
    audit(c, 'note.versionsViewed', 'case', caseId, { noteId: input.noteId });
    return versions;
  },

  // --- services and plan ---------------------------------------------------------------
  'services.add': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      openVisibleCase(c, input.caseId);
      assertLookup(c.db, 'service', input.service, 'service');
      if (input.deliveredOn > localDay(c.clock.now)) throw new CodedError('services.inFuture', { field: 'deliveredOn' });
      const id = insertService(
        c.db,
        { caseId: input.caseId, service: input.service, personId: input.personId ?? null, deliveredOn: input.deliveredOn, sessions: input.sessions, note: input.note ?? null },
        c.actor.userId,
        c.now,
      );
      audit(c, 'service.added', 'case', input.caseId, { serviceId: id, service: input.service });
      return getService(c.db, id, userLookup(c.db));
    })();
  },

  'plan.addGoal': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      openVisibleCase(c, input.caseId);
      const id = insertGoal(c.db, input.caseId, input.title, input.description ?? null, c.actor.userId, c.now);
      audit(c, 'plan.goalAdded', 'case', input.caseId, { goalId: id });
      return getGoal(c.db, id, userLookup(c.db));
    })();
  },

  'plan.updateGoal': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      const caseId = goalCase(c.db, input.goalId);
      openVisibleCase(c, caseId);
      updateGoal(c.db, input.goalId, { title: input.title, description: input.description, status: input.status }, c.now);
      audit(c, 'plan.goalUpdated', 'case', caseId, { goalId: input.goalId, status: input.status ?? null });
      return getGoal(c.db, input.goalId, userLookup(c.db));
    })();
  },

  'plan.addAction': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      const caseId = goalCase(c.db, input.goalId);
      openVisibleCase(c, caseId);
      const responsible = input.responsibleUserId ?? c.actor.userId;
      assertAssignable(c.db, responsible, 'responsibleUserId');
      const id = insertAction(c.db, { goalId: input.goalId, caseId, title: input.title, responsible, dueOn: input.dueOn ?? null }, c.actor.userId, c.now);
      audit(c, 'plan.actionAdded', 'case', caseId, { goalId: input.goalId, actionId: id });
      // The action became a task (planRepo): the case's tasks come back with it.
      return { ...getAction(c.db, id, userLookup(c.db)), parts: partsOf(c, caseId, ['tasks']) };
    })();
  },

  'plan.updateAction': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      const { case_id: caseId } = getActionRow(c.db, input.actionId);
      openVisibleCase(c, caseId);
      if (input.responsibleUserId) assertAssignable(c.db, input.responsibleUserId, 'responsibleUserId');
      updateAction(c.db, input.actionId, { title: input.title, responsible: input.responsibleUserId, dueOn: input.dueOn, status: input.status }, c.actor.userId, c.now);
      audit(c, 'plan.actionUpdated', 'case', caseId, { actionId: input.actionId, status: input.status ?? null });
      return { ...getAction(c.db, input.actionId, userLookup(c.db)), parts: partsOf(c, caseId, ['tasks']) };
    })();
  },

  // --- tasks ---------------------------------------------------------------------------
  'tasks.list': (ctx, input) => {
    const c = ctxOf(ctx);
    if (input.scope === 'everyone' && !c.actor.readAll) throw new CodedError('auth.forbidden');
    const staff = listUsers(c.db)
      .filter((u) => !u.disabled && u.roles.includes('caseworker'))
      .map((u) => u.id);
    return dashboard(
      c.db,
      { scope: input.scope, assignee: input.scope === 'mine' ? c.actor.userId : (input.assigneeId ?? null), limit: input.limit, bounds: dashboardBounds(c.clock.now) },
      userLookup(c.db),
      staff,
    );
  },

  'tasks.add': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      openVisibleCase(c, input.caseId);
      if (input.assigneeUserId) assertAssignable(c.db, input.assigneeUserId, 'assigneeUserId');
      const id = insertTask(
        c.db,
        {
          caseId: input.caseId,
          kind: 'manual',
          source: 'manual',
          title: input.title,
          dueAt: toUtc(input.dueAt),
          ...(input.priority !== undefined ? { priority: input.priority } : {}),
          ...(input.assigneeUserId ? { assigneeUserId: input.assigneeUserId } : {}),
          createdBy: c.actor.userId,
        },
        c.now,
      );
      audit(c, 'task.added', 'case', input.caseId, { taskId: id });
      return getTask(c.db, id, userLookup(c.db));
    })();
  },

  'tasks.complete': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      const task = taskCase(c.db, input.taskId);
      // The assignee may complete their own task; anyone else needs to see the case.
      if (task.assignee !== c.actor.userId) assertCaseVisible(c.db, c.actor, task.caseId);
      completeTask(c.db, input.taskId, c.actor.userId, c.now, input.outcome ?? null);
      if (task.source === 'plan' && task.sourceId) markActionDoneFromTask(c.db, Number(task.sourceId), c.actor.userId, c.now);
      audit(c, 'task.completed', 'case', task.caseId, { taskId: input.taskId, source: task.source, outcome: input.outcome !== undefined });
      return { ...getTask(c.db, input.taskId, userLookup(c.db)), ...planOfTask(c, task) };
    })();
  },

  'tasks.undoComplete': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      const task = taskCase(c.db, input.taskId);
      if (task.assignee !== c.actor.userId) assertCaseVisible(c.db, c.actor, task.caseId);
      undoCompleteTask(c.db, input.taskId, c.actor.userId, c.clock.now);
      if (task.source === 'plan' && task.sourceId) reopenActionFromTask(c.db, Number(task.sourceId), c.actor.userId, c.now);
      audit(c, 'task.reopened', 'case', task.caseId, { taskId: input.taskId, source: task.source });
      return { ...getTask(c.db, input.taskId, userLookup(c.db)), ...planOfTask(c, task) };
    })();
  },

  // --- lookups -------------------------------------------------------------------------
  'lookups.list': ({ services }, input) => listLookups(services.vault.database, input.kind, input.includeInactive),

  'lookups.upsert': (ctx, input) => {
    const c = ctxOf(ctx);
    return c.db.transaction(() => {
      const { lookup, created } = upsertLookup(c.db, input, c.now);
      audit(c, created ? 'lookup.created' : 'lookup.updated', 'lookup', `${lookup.kind}:${lookup.code}`, { active: lookup.active });
      return lookup;
    })();
  },
} satisfies Partial<Handlers>;
