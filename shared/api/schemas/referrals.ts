/**
 * Shapes of the referrals area (issue 7): the institution directory and
 * referrals with consent, shared sections, a dated state history and the
 * receiving institution's reply slip. Seed 001's "3C" lesson: a referral is
 * structured, answered and tracked.
 */
import { z } from 'zod';
import { CaseFileParts, Day, Id, UserRef } from './cases';

export const INSTITUTION_TYPES = [
  'psychological_counselling_centre',
  'womens_counselling_unit',
  'directorate_disabled',
  'isadem',
  'employment_office',
  'child_monitoring_centre',
  'family_social_services_directorate',
  'court',
  'prosecutor',
  'school',
  'hospital',
  'police',
  'municipality_unit',
  'ngo',
  'other',
] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

export const URGENCIES = ['routine', 'priority', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Working days (Monday–Friday, fixed national holidays excluded) the receiving institution has to reply. */
export const REPLY_WORKING_DAYS: Record<Urgency, number> = { routine: 10, priority: 5, urgent: 2 };

export const REFERRAL_STATES = ['draft', 'sent', 'acknowledged', 'service_started', 'closed', 'declined'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];
export const OPEN_REFERRAL_STATES: readonly ReferralState[] = ['draft', 'sent', 'acknowledged', 'service_started'];

/** The state machine: where each state may go next. Closed and declined are final. */
export const REFERRAL_TRANSITIONS: Record<ReferralState, readonly ReferralState[]> = {
  draft: ['sent'],
  sent: ['acknowledged', 'declined', 'closed'],
  acknowledged: ['service_started', 'declined', 'closed'],
  service_started: ['closed'],
  closed: [],
  declined: [],
};

export const CONSENT_METHODS = ['written', 'verbal'] as const;

/**
 * What the letter may carry, section by section: only what the user ticks
 * ("only what is needed"). 'notes' shares the notes picked one by one.
 */
export const SHARE_SECTIONS = ['identity', 'household', 'concerns', 'risk', 'assessments', 'notes', 'services', 'plan'] as const;
export type ShareSection = (typeof SHARE_SECTIONS)[number];

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

// --- directory ---------------------------------------------------------------------------

export const Institution = z.object({
  id: Id,
  /** Stable code of an entry seeded from seed 000 (null for the office's own entries). */
  code: z.string().nullable(),
  name: z.string(),
  type: z.enum(INSTITUTION_TYPES),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** KEP (registered electronic mail) address. */
  kep: z.string().nullable(),
  contactPerson: z.string().nullable(),
  /** Service lookup codes or free text. */
  services: z.array(z.string()),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Institution = z.infer<typeof Institution>;

export const InstitutionUpsert = z
  .object({
    /** Absent: a new entry. */
    id: Id.optional(),
    /** Required with id: refused with 'institutions.conflict' when someone saved since. */
    expectedVersion: z.number().int().positive().optional(),
    name: z.string().trim().min(2).max(200),
    type: z.enum(INSTITUTION_TYPES),
    address: optionalText(500),
    phone: optionalText(40),
    email: z
      .string()
      .trim()
      .max(200)
      .nullish()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)),
    /** KEP address (looks like an e-mail address: name@hs01.kep.tr). Absent on an update: kept. */
    kep: z
      .string()
      .trim()
      .max(200)
      .nullish()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v))
      .optional(),
    contactPerson: optionalText(120),
    services: z.array(z.string().trim().min(1).max(120)).max(30).default([]),
    active: z.boolean().default(true),
  })
  .strict()
  .refine((v) => v.id === undefined || v.expectedVersion !== undefined, { path: ['expectedVersion'] });
export type InstitutionUpsert = z.output<typeof InstitutionUpsert>;

export const DIRECTORY_IMPORT_ERRORS = [
  'missingColumns',
  'columnCount',
  'required',
  'invalid',
  'tooLong',
  'unknownType',
  'unknownId',
  'duplicateInFile',
  'duplicateName',
  'tooManyRows',
  'empty',
] as const;

/** institutions.importCsv: applied (all rows) or not (errors by line of the file, the header being line 1). */
export const DirectoryImportResult = z.object({
  applied: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string().nullable(), code: z.enum(DIRECTORY_IMPORT_ERRORS) })),
});
export type DirectoryImportResult = z.infer<typeof DirectoryImportResult>;

// --- referrals ---------------------------------------------------------------------------

export const ConsentInput = z
  .object({
    /** A member of the case who gave consent (a caregiver, the child) … */
    givenByPersonId: Id.nullish(),
    /** … or anyone else, by name. */
    givenByName: optionalText(120),
    method: z.enum(CONSENT_METHODS).nullish(),
    on: Day.nullish(),
  })
  .strict();

/** The fields of a draft (create and update). */
export const ReferralFields = z
  .object({
    /** The child or person referred (a member of the case); absent/null = the household. */
    personId: Id.nullish(),
    institutionId: Id,
    services: z.array(z.string().min(1).max(40)).max(20).default([]),
    servicesOther: optionalText(500),
    urgency: z.enum(URGENCIES).default('routine'),
    reason: z.string().trim().min(1).max(10_000),
    consent: ConsentInput.nullish(),
    /** When consent cannot be obtained: the legal ground (e.g. 5395 art. 6, a court or prosecutor's request). */
    legalGround: optionalText(2000),
    sharedSections: z.array(z.enum(SHARE_SECTIONS)).max(SHARE_SECTIONS.length).default([]),
    /** With 'notes' in sharedSections: which notes. */
    sharedNoteIds: z.array(Id).max(200).default([]),
  })
  .strict();
export type ReferralFields = z.output<typeof ReferralFields>;

export const ReferralHistoryEntry = z.object({
  id: Id,
  from: z.enum(REFERRAL_STATES).nullable(),
  to: z.enum(REFERRAL_STATES),
  /** The day it happened (as dated by the user). */
  on: z.string(),
  note: z.string().nullable(),
  /** When it was recorded, and by whom. */
  at: z.string(),
  by: UserRef,
});
export type ReferralHistoryEntry = z.infer<typeof ReferralHistoryEntry>;

export const ReplySlip = z.object({
  receivedOn: z.string().nullable(),
  serviceStartedOn: z.string().nullable(),
  contactPerson: z.string().nullable(),
  outcome: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: UserRef,
});
export type ReplySlip = z.infer<typeof ReplySlip>;

export const Referral = z.object({
  id: Id,
  caseId: Id,
  caseNumber: z.string(),
  /** The case's primary child, for lists. */
  childName: z.string().nullable(),
  person: z.object({ id: Id, name: z.string() }).nullable(),
  institution: z.object({ id: Id, name: z.string(), type: z.enum(INSTITUTION_TYPES) }),
  services: z.array(z.string()),
  servicesOther: z.string().nullable(),
  urgency: z.enum(URGENCIES),
  reason: z.string(),
  consent: z
    .object({
      givenByPersonId: Id.nullable(),
      /** The member's name, or the name typed. */
      givenByName: z.string().nullable(),
      method: z.enum(CONSENT_METHODS).nullable(),
      on: z.string().nullable(),
    })
    .nullable(),
  legalGround: z.string().nullable(),
  /** Consent complete (who, how, when) or a legal ground recorded: the referral may be sent. */
  consentRecorded: z.boolean(),
  sharedSections: z.array(z.enum(SHARE_SECTIONS)),
  sharedNoteIds: z.array(Id),
  state: z.enum(REFERRAL_STATES),
  sentOn: z.string().nullable(),
  replyDueOn: z.string().nullable(),
  /** Sent, not answered, and the reply day has passed. */
  replyOverdue: z.boolean(),
  acknowledgedOn: z.string().nullable(),
  serviceStartedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  outcome: z.string().nullable(),
  declineReason: z.string().nullable(),
  reply: ReplySlip.nullable(),
  history: z.array(ReferralHistoryEntry),
  createdBy: UserRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Referral = z.infer<typeof Referral>;

/** A referral as a write returns it: with the slices of its case file the write changed (issue 12: the tasks a send or a reply opens and closes). */
export const ReferralWritten = Referral.extend({ parts: CaseFileParts.optional() });
export type ReferralWritten = z.infer<typeof ReferralWritten>;

export const ReferralListInput = z
  .object({
    state: z.array(z.enum(REFERRAL_STATES)).max(REFERRAL_STATES.length).optional(),
    /** Only sent referrals whose reply day has passed. */
    overdue: z.boolean().optional(),
    institutionId: Id.optional(),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export const ReferralList = z.object({ total: z.number().int(), overdue: z.number().int(), rows: z.array(Referral) });
export type ReferralList = z.infer<typeof ReferralList>;

/** The date of a state change (default: today); never before the previous change, never in the future. */
export const TransitionDay = Day.optional();
