/**
 * Calendar, colleague cover and co-working (issue 17).
 *
 * - The calendar lists, for a span of local days, the planned home visits and interviews,
 *   court hearings, task deadlines and referral reply days of the cases in the caller's sight
 *   (a supervisor: the team, optionally one caseworker's), and the public holidays.
 * - A planned visit is its own small record (planned_visits); planning one also prepares the
 *   visit note as a draft of the visitor's on the case, to fill in after the visit.
 * - A supervisor grants a cover: one caseworker works on another's cases from day to day
 *   (local days, both inclusive); the scope check honours it while it is active.
 * - A caseworker asks a colleague to co-work a case; a supervisor approves or refuses.
 */
import { z } from 'zod';
import type { MethodSpec } from '../contract';
import { Day, Id, Moment, PRIORITIES, UserId, UserRef } from '../schemas/cases';

export const VISIT_KINDS = ['home_visit', 'interview'] as const;
export const CALENDAR_EVENT_KINDS = ['home_visit', 'interview', 'hearing', 'task', 'referralReply'] as const;
/** The longest span one calendar call covers (a month view shows six weeks). */
export const CALENDAR_MAX_DAYS = 62;
/** At most this many events of each kind per call (`truncated` says when more exist). */
export const CALENDAR_MAX_EVENTS = 1000;

export const CalendarHoliday = z.object({
  day: z.string(),
  kind: z.enum(['national', 'ramazan', 'kurban']),
  nameKey: z.string(),
  halfDay: z.boolean(),
});
export type CalendarHoliday = z.infer<typeof CalendarHoliday>;

export const CalendarEvent = z.object({
  kind: z.enum(CALENDAR_EVENT_KINDS),
  /** The record's id within its kind (planned visit, hearing, task, referral). */
  id: Id,
  caseId: Id,
  caseNumber: z.string(),
  /** The local calendar day it falls on. */
  day: z.string(),
  /** The instant, for timed events (visits, interviews, hearings); null for a day (reply day). */
  at: z.string().nullable(),
  /** The task's priority, else the case's. */
  priority: z.enum(PRIORITIES).nullable(),
  /** Whose it is: the visitor, the task's assignee, or the case's responsible caseworker. */
  user: UserRef.nullable(),
  /** What to show: an i18n key with params, or a free text (a task's own title, a court or institution name). */
  titleKey: z.string().nullable(),
  titleParams: z.record(z.string(), z.union([z.string(), z.number()])),
  title: z.string().nullable(),
  done: z.boolean(),
});
export type CalendarEvent = z.infer<typeof CalendarEvent>;

export const CalendarInput = z
  .object({ from: Day, to: Day, caseworkerId: UserId.optional() })
  .strict();
export const CalendarOutput = z.object({ holidays: z.array(CalendarHoliday), events: z.array(CalendarEvent), truncated: z.boolean() });
export type CalendarOutput = z.infer<typeof CalendarOutput>;

export const PlannedVisit = z.object({
  id: Id,
  caseId: Id,
  kind: z.enum(VISIT_KINDS),
  startsAt: z.string(),
  visitor: UserRef,
  /** The note draft prepared for the visitor ('note:<caseId>'); false when they already had one open on this case. */
  draftPrepared: z.boolean(),
});
export type PlannedVisit = z.infer<typeof PlannedVisit>;

/** A planned visit as the case file lists it: a cancelled one keeps who, when and why. */
export const VisitRecord = z.object({
  id: Id,
  caseId: Id,
  kind: z.enum(VISIT_KINDS),
  startsAt: z.string(),
  visitor: UserRef,
  cancelled: z.object({ by: UserRef, at: z.string(), reason: z.string() }).nullable(),
});
export type VisitRecord = z.infer<typeof VisitRecord>;

export const COVER_STATES = ['upcoming', 'active', 'ended', 'revoked'] as const;
export const Cover = z.object({
  id: Id,
  covered: UserRef,
  cover: UserRef,
  from: z.string(),
  to: z.string(),
  state: z.enum(COVER_STATES),
  grantedBy: UserRef,
  grantedAt: z.string(),
});
export type Cover = z.infer<typeof Cover>;

export const CoworkRequest = z.object({
  id: Id,
  caseId: Id,
  caseNumber: z.string(),
  colleague: UserRef,
  requestedBy: UserRef,
  requestedAt: z.string(),
  status: z.enum(['pending', 'approved', 'refused']),
});
export type CoworkRequest = z.infer<typeof CoworkRequest>;

export const calendarMethods = {
  'calendar.events': { input: CalendarInput, output: CalendarOutput, access: 'case:read', scope: 'office' },
  /** Plans a home visit or interview on a case, and prepares the visit note as the visitor's draft. */
  'calendar.planVisit': {
    input: z.object({ caseId: Id, kind: z.enum(VISIT_KINDS), startsAt: Moment, visitorUserId: UserId.optional() }).strict(),
    output: PlannedVisit,
    access: 'case:write',
    scope: { caseId: 'case' },
    audit: 'visit.planned',
  },
  /** The case's planned visits and interviews, the latest first (cancelled ones too, with their reason). */
  'calendar.visitsForCase': { input: z.object({ caseId: Id }).strict(), output: z.array(VisitRecord), access: 'case:read', scope: { caseId: 'case' } },
  /** Cancels a planned visit, with a reason: it leaves the calendar; the case file shows it struck through. 'calendar.visitNotFound' when it is not (or no longer) planned. */
  'calendar.cancelVisit': {
    input: z.object({ caseId: Id, visitId: Id, reason: z.string().trim().min(1).max(1000) }).strict(),
    output: VisitRecord,
    access: 'case:write',
    scope: { caseId: 'case' },
    audit: 'visit.cancelled',
  },

  /** Covers: a supervisor's grant, listed for everyone it concerns (a supervisor sees all). */
  'covers.list': { input: z.object({}).strict(), output: z.array(Cover), access: 'case:read', scope: 'none' },
  'covers.grant': {
    input: z.object({ coveredUserId: UserId, coverUserId: UserId, from: Day, to: Day }).strict(),
    output: Cover,
    access: 'case:approve',
    scope: 'none',
    audit: 'cover.granted',
  },
  'covers.revoke': { input: z.object({ coverId: Id }).strict(), output: Cover, access: 'case:approve', scope: 'none', audit: 'cover.revoked' },

  /** Co-working: a caseworker on the case asks; a supervisor decides. */
  'cowork.request': {
    input: z.object({ caseId: Id, colleagueId: UserId }).strict(),
    output: CoworkRequest,
    access: 'case:write',
    scope: { caseId: 'case' },
    audit: 'cowork.requested',
  },
  'cowork.pending': { input: z.object({}).strict(), output: z.array(CoworkRequest), access: 'case:approve', scope: 'office' },
  'cowork.decide': {
    input: z.object({ caseId: Id, requestId: Id, approve: z.boolean() }).strict(),
    output: CoworkRequest,
    access: 'case:approve',
    scope: { caseId: 'case' },
    audit: 'cowork.approved',
  },
} as const satisfies Record<string, MethodSpec>;
