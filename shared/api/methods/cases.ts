/**
 * Cases (issue 6): households and people, intake, lifecycle and closure,
 * notes with versions, services, case plan, tasks dashboard, search, lookups.
 * Visibility: 'case:readAll' sees every case; anyone else only the cases they
 * are responsible for or co-work on (enforced in core, not here).
 */
import { z } from 'zod';
import type { MethodSpec } from '../contract';
import {
  ACTION_STATUSES,
  CaseFile,
  CaseFileParts,
  CaseHeader,
  CaseList,
  CaseListInput,
  Dashboard,
  Day,
  DuplicateCandidate,
  FLAG_KINDS,
  Flag,
  GOAL_STATUSES,
  HouseholdInput,
  Id,
  ID_TYPES,
  IntakeInput,
  Lookup,
  LOOKUP_KINDS,
  Member,
  MemberInput,
  Moment,
  NOTE_TYPES,
  NoteSummary,
  NoteVersion,
  Person,
  PersonPatch,
  PlanAction,
  PlanGoal,
  Present,
  PRIORITIES,
  CONTACT_WITH_CHILD,
  MEMBER_ROLES,
  RELATIONSHIPS,
  SearchHit,
  ServiceRecord,
  StaffMember,
  Task,
  UserId,
} from '../schemas/cases';

const Reason = z.string().trim().min(1).max(5000);
const Title = z.string().trim().min(1).max(300);
const CaseRef = z.object({ caseId: Id }).strict();
/**
 * A saved note, with the case's flags when saving it raised one (a refused home visit):
 * the case file updates itself from this reply instead of loading the whole file again.
 */
const NoteWritten = NoteSummary.extend({ caseFlags: z.array(Flag).optional() });

/** A write's own row plus what else of the case file it changed (`parts`, issue 12). */
const withParts = { parts: CaseFileParts.optional() };
const CaseChanged = CaseHeader.extend(withParts);
const MemberWritten = Member.extend(withParts);
const PlanActionWritten = PlanAction.extend(withParts);
const TaskWritten = Task.extend(withParts);

const NoteFields = {
  type: z.enum(NOTE_TYPES),
  occurredAt: Moment,
  body: z.string().trim().min(1).max(50_000),
  present: Present.default({ people: [], users: [], others: null }),
  /** Home visits: the family refused the visit (raises a flag, seed 004). */
  visitRefused: z.boolean().default(false),
};

export const casesMethods = {
  // --- cases ---
  'cases.create': {
    input: z
      .object({
        /** A new household, or an existing one by id (a new report on a known family). */
        household: z.union([HouseholdInput, z.object({ id: Id }).strict()]),
        members: z.array(MemberInput).min(1).max(40),
        intake: IntakeInput,
        responsibleUserId: UserId.optional(),
        coWorkerIds: z.array(UserId).max(10).default([]),
        /** Only when carrying over a number from paper files; otherwise generated ("2026/0001"). */
        caseNumber: z
          .string()
          .trim()
          .regex(/^\d{4}\/\d{1,6}$/)
          .optional(),
        /**
         * One case per child: a child already in an open case gets a second one only with a reason
         * (kept in the new case's history); otherwise the report is added to that case.
         */
        parallelReason: Reason.optional(),
      })
      .strict(),
    output: z.object({ id: Id, caseNumber: z.string(), flags: z.array(z.enum(FLAG_KINDS)) }),
    access: 'case:write',
    scope: { 'household.id': 'household', 'members[].personId': 'person' },
    // A new case: a person or household it reuses is read, their other cases are not changed.
    readsCases: true,
    audit: 'case.created',
  },
  'cases.get': { input: CaseRef, output: CaseFile, access: 'case:read', scope: { caseId: 'case' }, audit: 'case.viewed' },
  'cases.list': { input: CaseListInput, output: CaseList, access: 'case:read', scope: 'office' },
  'cases.search': {
    input: z.object({ q: z.string().max(200), limit: z.number().int().min(1).max(100).default(30) }).strict(),
    output: z.object({ hits: z.array(SearchHit) }),
    access: 'case:read',
    scope: 'office',
  },
  /** Users who can hold cases (for the caseworker filter and assignment). */
  'cases.staff': { input: z.object({}).strict(), output: z.array(StaffMember), access: 'case:read', scope: 'none' },

  // --- people ---
  'people.findDuplicates': {
    input: z
      .object({
        firstName: z.string().trim().min(1).max(80),
        lastName: z.string().trim().max(80).default(''),
        birthDate: Day.nullish(),
        birthYear: z.number().int().min(1900).max(2200).nullish(),
        idType: z.enum(ID_TYPES).nullish(),
        idNumber: z.string().trim().max(30).nullish(),
        excludePersonId: Id.optional(),
      })
      .strict(),
    output: z.object({ candidates: z.array(DuplicateCandidate) }),
    access: 'case:write',
    scope: { excludePersonId: 'person' },
    // A search.
    readsCases: true,
  },
  'cases.addPerson': { input: z.object({ caseId: Id, member: MemberInput }).strict(), output: MemberWritten, access: 'case:write', scope: { caseId: 'case', 'member.personId': 'person' }, audit: 'case.memberAdded' },
  'cases.linkPerson': {
    input: z
      .object({
        caseId: Id,
        personId: Id,
        role: z.enum(MEMBER_ROLES),
        relationship: z.enum(RELATIONSHIPS).nullish(),
        offending: z.boolean().nullish(),
        contactWithChild: z.enum(CONTACT_WITH_CHILD).nullish(),
        livesInHousehold: z.boolean().default(true),
      })
      .strict(),
    output: MemberWritten,
    access: 'case:write',
    scope: { caseId: 'case', personId: 'person' },
    audit: 'case.memberAdded',
  },
  'cases.updateMember': {
    input: z
      .object({
        caseId: Id,
        memberId: Id,
        role: z.enum(MEMBER_ROLES).optional(),
        relationship: z.enum(RELATIONSHIPS).nullish(),
        offending: z.boolean().nullish(),
        contactWithChild: z.enum(CONTACT_WITH_CHILD).nullish(),
        livesInHousehold: z.boolean().optional(),
        primary: z.literal(true).optional(),
      })
      .strict(),
    output: MemberWritten,
    access: 'case:write',
    scope: { caseId: 'case' },
    audit: 'case.memberUpdated',
  },
  'cases.updatePerson': {
    input: z.object({ personId: Id, expectedVersion: z.number().int().positive(), patch: PersonPatch }).strict(),
    output: Person,
    access: 'case:write',
    scope: { personId: 'person' },
    audit: 'person.updated',
  },

  // --- intake and lifecycle ---
  'cases.addIntake': {
    input: z.object({ caseId: Id, intake: IntakeInput }).strict(),
    output: z.object({ intakeId: Id, flags: z.array(z.enum(FLAG_KINDS)), ...withParts }),
    access: 'case:write',
    scope: { caseId: 'case' },
    audit: 'case.intakeAdded',
  },
  'cases.transition': {
    input: z.object({ caseId: Id, to: z.enum(['intake', 'assessment', 'case_plan', 'implementation', 'follow_up']), reason: Reason.optional() }).strict(),
    output: CaseChanged,
    access: 'case:write',
    scope: { caseId: 'case' },
    audit: 'case.statusChanged',
  },
  'cases.requestClosure': { input: z.object({ caseId: Id, reason: Reason }).strict(), output: CaseChanged, access: 'case:write', scope: { caseId: 'case' }, audit: 'case.closureRequested' },
  /** A supervisor closes: approves a pending request, or closes directly with a reason. */
  'cases.approveClosure': { input: z.object({ caseId: Id, reason: Reason.optional() }).strict(), output: CaseChanged, access: 'case:approve', scope: { caseId: 'case' }, audit: 'case.closed' },
  'cases.refuseClosure': { input: z.object({ caseId: Id, reason: Reason }).strict(), output: CaseChanged, access: 'case:approve', scope: { caseId: 'case' }, audit: 'case.closureRefused' },
  /** Reopens a closed case with a new intake on the same household; the history is kept. */
  'cases.reopen': {
    input: z.object({ caseId: Id, intake: IntakeInput }).strict(),
    output: z.object({ case: CaseHeader, intakeId: Id, flags: z.array(z.enum(FLAG_KINDS)), ...withParts }),
    access: 'case:write',
    scope: { caseId: 'case' },
    audit: 'case.reopened',
  },
  'cases.assign': {
    /** A new responsible caseworker needs `handoverNote` (issue 17): it becomes the case's pinned handover note. */
    input: z.object({ caseId: Id, responsibleUserId: UserId, coWorkerIds: z.array(UserId).max(10).optional(), handoverNote: z.string().trim().max(50_000).optional() }).strict(),
    output: CaseChanged,
    access: 'case:approve',
    scope: { caseId: 'case' },
    audit: 'case.assigned',
  },
  'cases.resolveFlag': { input: z.object({ caseId: Id, flagId: Id }).strict(), output: z.object(withParts), access: 'case:write', scope: { caseId: 'case' }, audit: 'case.flagResolved' },

  // --- notes ---
  'notes.add': { input: z.object({ caseId: Id, ...NoteFields }).strict(), output: NoteWritten, access: 'case:write', scope: { caseId: 'case', 'present.people[]': 'person' }, audit: 'note.added' },
  /** A new version; refused with 'notes.conflict' when someone saved since expectedVersion. */
  'notes.edit': {
    input: z.object({ noteId: Id, expectedVersion: z.number().int().positive(), ...NoteFields }).strict(),
    output: NoteWritten,
    access: 'case:write',
    scope: { noteId: 'note', 'present.people[]': 'person' },
    audit: 'note.edited',
  },
  'notes.versions': { input: z.object({ noteId: Id }).strict(), output: z.array(NoteVersion), access: 'case:read', scope: { noteId: 'note' }, audit: 'note.versionsViewed' },

  // --- services and plan ---
  'services.add': {
    input: z
      .object({
        caseId: Id,
        service: z.string().min(1).max(40),
        personId: Id.nullish(),
        deliveredOn: Day,
        sessions: z.number().int().min(1).max(500).default(1),
        note: z.string().trim().max(2000).nullish(),
      })
      .strict(),
    output: ServiceRecord,
    access: 'case:write',
    scope: { caseId: 'case', personId: 'person' },
    audit: 'service.added',
  },
  'plan.addGoal': { input: z.object({ caseId: Id, title: Title, description: z.string().trim().max(5000).nullish() }).strict(), output: PlanGoal, access: 'case:write', scope: { caseId: 'case' }, audit: 'plan.goalAdded' },
  'plan.updateGoal': {
    input: z.object({ goalId: Id, title: Title.optional(), description: z.string().trim().max(5000).nullish(), status: z.enum(GOAL_STATUSES).optional() }).strict(),
    output: PlanGoal,
    access: 'case:write',
    scope: { goalId: 'goal' },
    audit: 'plan.goalUpdated',
  },
  'plan.addAction': {
    input: z.object({ goalId: Id, title: Title, responsibleUserId: UserId.optional(), dueOn: Day.nullish() }).strict(),
    output: PlanActionWritten,
    access: 'case:write',
    scope: { goalId: 'goal' },
    audit: 'plan.actionAdded',
  },
  'plan.updateAction': {
    input: z
      .object({ actionId: Id, title: Title.optional(), responsibleUserId: UserId.optional(), dueOn: Day.nullish(), status: z.enum(ACTION_STATUSES).optional() })
      .strict(),
    output: PlanActionWritten,
    access: 'case:write',
    scope: { actionId: 'action' },
    audit: 'plan.actionUpdated',
  },

  // --- tasks (the dashboard) ---
  'tasks.list': {
    input: z
      .object({
        scope: z.enum(['mine', 'everyone']).default('mine'),
        /** With scope 'everyone': one caseworker's tasks. */
        assigneeId: UserId.optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: Dashboard,
    access: 'case:read',
    scope: 'office',
  },
  'tasks.add': {
    input: z
      .object({ caseId: Id, title: Title, dueAt: Moment, priority: z.enum(PRIORITIES).nullish(), assigneeUserId: UserId.optional() })
      .strict(),
    output: Task,
    access: 'case:write',
    scope: { caseId: 'case' },
    audit: 'task.added',
  },
  'tasks.complete': {
    /** `outcome`: what came of it (the app asks for it; stored with the task, never in the audit log). */
    input: z.object({ taskId: Id, outcome: z.string().trim().min(1).max(2000).optional() }).strict(),
    output: TaskWritten,
    access: 'case:write',
    scope: { taskId: 'task' },
    audit: 'task.completed',
  },
  /** Undoes a completion within 10 seconds, by the user who completed it (the toast's Undo). */
  'tasks.undoComplete': { input: z.object({ taskId: Id }).strict(), output: TaskWritten, access: 'case:write', scope: { taskId: 'task' }, audit: 'task.reopened' },

  // --- editable lists (channels, concerns, services) ---
  'lookups.list': {
    input: z.object({ kind: z.enum(LOOKUP_KINDS).optional(), includeInactive: z.boolean().default(false) }).strict(),
    output: z.array(Lookup),
    access: 'session',
    scope: 'none',
  },
  'lookups.upsert': {
    input: z
      .object({
        kind: z.enum(LOOKUP_KINDS),
        /** Absent: a new entry (code made from the English label). Codes never change once used. */
        code: z
          .string()
          .regex(/^[a-z0-9_]{2,40}$/)
          .optional(),
        labelTr: z.string().trim().min(1).max(120),
        labelEn: z.string().trim().min(1).max(120),
        active: z.boolean().default(true),
        sortOrder: z.number().int().min(0).max(10_000).optional(),
      })
      .strict(),
    output: Lookup,
    access: 'directory:write',
    scope: 'none',
    audit: 'lookup.updated',
  },
} as const satisfies Record<string, MethodSpec>;
