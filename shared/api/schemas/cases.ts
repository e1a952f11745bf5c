/**
 * Shapes of the cases area (issue 6): households, people, cases, intakes,
 * notes with versions, services, case plan, tasks, flags, lookups, search.
 * Ids of case data are SQLite integers; user ids are UUID strings.
 */
import { z } from 'zod';
import { LEVEL_IDS } from '../../risk-tool/types';

export const CASE_STATUSES = ['intake', 'assessment', 'case_plan', 'implementation', 'follow_up', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const OPEN_STATUSES = CASE_STATUSES.filter((s) => s !== 'closed') as Exclude<CaseStatus, 'closed'>[];

/** Case priority = a risk level of the tool (seed 002); null until first assessed. */
export const PRIORITIES = LEVEL_IDS;
export type Priority = (typeof PRIORITIES)[number];

export const MEMBER_ROLES = ['child', 'caregiver', 'sibling', 'alleged_perpetrator', 'other'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const RELATIONSHIPS = [
  'self',
  'mother',
  'father',
  'stepmother',
  'stepfather',
  'grandmother',
  'grandfather',
  'aunt',
  'uncle',
  'sibling',
  'half_sibling',
  'cousin',
  'foster_parent',
  'guardian',
  'partner_of_parent',
  'relative',
  'neighbour',
  'teacher',
  'acquaintance',
  'stranger',
  'other',
] as const;

export const CONTACT_WITH_CHILD = ['none', 'supervised', 'unsupervised', 'lives_with_child', 'unknown'] as const;
export const SEXES = ['female', 'male', 'unknown'] as const;
export const LEGAL_STATUSES = ['citizen', 'temporary_protection', 'international_protection', 'residence_permit', 'undocumented', 'unknown'] as const;
/** tc = TC kimlik (checksum validated); foreign = yabancı kimlik numarası (YKN, also checksummed); passport = any passport number. */
export const ID_TYPES = ['tc', 'foreign', 'passport'] as const;

export const NOTE_TYPES = [
  'home_visit',
  'interview',
  'phone_call',
  'counselling_individual',
  'counselling_group',
  'counselling_family',
  'social_examination',
  'developmental_assessment',
  'court_hearing',
  'other',
] as const;
export type NoteType = (typeof NOTE_TYPES)[number];

export const INTAKE_KINDS = ['initial', 'repeat', 'reopen'] as const;
export const HISTORY_EVENTS = ['created', 'transition', 'closure_requested', 'closure_approved', 'closure_refused', 'reopened'] as const;
export const FLAG_KINDS = ['repeated_report', 'refused_home_visit'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];
export const TASK_SOURCES = ['risk', 'plan', 'court', 'referral', 'manual'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];
export const LOOKUP_KINDS = ['channel', 'concern', 'service'] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];
export const GOAL_STATUSES = ['open', 'achieved', 'dropped'] as const;
export const ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;

// --- primitives --------------------------------------------------------------------------

export const Id = z.number().int().positive();
export const UserId = z.string().min(1).max(64);

const isRealDay = (value: string): boolean => {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};
/** A calendar day, YYYY-MM-DD, that exists (no 30 February). */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isRealDay);
/** A moment: ISO 8601 with offset or Z, or local 'YYYY-MM-DDTHH:MM[:SS]' (the workstation's time zone). Stored as UTC ISO. */
export const Moment = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/)
  .refine((value) => isRealDay(value.slice(0, 10)) && !Number.isNaN(new Date(value).getTime()));

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const UserRef = z.object({ id: z.string(), displayName: z.string() });
export type UserRef = z.infer<typeof UserRef>;

// --- people and households ---------------------------------------------------------------

/** Person fields without defaults (a patch changes only what it names). */
const personFields = {
  firstName: z.string().trim().min(1).max(80),
  lastName: text(80),
  /** Exact birth date when known… */
  birthDate: Day.nullish(),
  /** …or an approximate birth year ("about 9 years old"). Ignored when birthDate is given. */
  birthYear: z.number().int().min(1900).max(2200).nullish(),
  sex: z.enum(SEXES),
  /** ISO 3166 alpha-2 (TR, SY, AF …). */
  nationality: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/)
    .transform((v) => v.toUpperCase())
    .nullish(),
  legalStatus: z.enum(LEGAL_STATUSES).nullish(),
  idType: z.enum(ID_TYPES).nullish(),
  idNumber: z.string().trim().max(30).nullish(),
  /** Languages spoken (ISO 639-1 codes or names). */
  languages: z.array(z.string().trim().min(2).max(40)).max(10),
  school: optionalText(200),
  disability: optionalText(500),
  address: optionalText(500),
  phone: optionalText(40),
};

export const PersonInput = z
  .object({
    ...personFields,
    lastName: personFields.lastName.default(''),
    sex: personFields.sex.default('unknown'),
    languages: personFields.languages.default([]),
  })
  .strict();
export type PersonInput = z.output<typeof PersonInput>;

export const PersonPatch = z.object(personFields).partial().strict();
export type PersonPatch = z.output<typeof PersonPatch>;

export const Person = z.object({
  id: Id,
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  birthApproximate: z.boolean(),
  sex: z.enum(SEXES),
  nationality: z.string().nullable(),
  legalStatus: z.enum(LEGAL_STATUSES).nullable(),
  idType: z.enum(ID_TYPES).nullable(),
  idNumber: z.string().nullable(),
  languages: z.array(z.string()),
  school: z.string().nullable(),
  disability: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof Person>;

export const HouseholdInput = z
  .object({
    name: text(120).default(''),
    address: optionalText(500),
    district: optionalText(80),
    city: optionalText(80),
    phone: optionalText(40),
  })
  .strict();
export type HouseholdInput = z.output<typeof HouseholdInput>;

export const Household = z.object({
  id: Id,
  name: z.string(),
  address: z.string().nullable(),
  district: z.string().nullable(),
  city: z.string().nullable(),
  phone: z.string().nullable(),
});
export type Household = z.infer<typeof Household>;

/** A person's place in a case: either an existing person (linked) or a new one. */
export const MemberInput = z
  .object({
    personId: Id.optional(),
    person: PersonInput.optional(),
    /** The user saw the possible duplicates and confirms this is a new person. */
    confirmedNew: z.boolean().default(false),
    role: z.enum(MEMBER_ROLES),
    relationship: z.enum(RELATIONSHIPS).nullish(),
    /** Caregivers: is this caregiver the one who harmed the child? */
    offending: z.boolean().nullish(),
    /** Alleged perpetrators (and offending caregivers): their contact with the child now. */
    contactWithChild: z.enum(CONTACT_WITH_CHILD).nullish(),
    livesInHousehold: z.boolean().default(true),
  })
  .strict()
  .refine((m) => (m.personId === undefined) !== (m.person === undefined), { path: ['person'] });
export type MemberInput = z.output<typeof MemberInput>;

export const Member = z.object({
  memberId: Id,
  role: z.enum(MEMBER_ROLES),
  relationship: z.enum(RELATIONSHIPS).nullable(),
  offending: z.boolean().nullable(),
  contactWithChild: z.enum(CONTACT_WITH_CHILD).nullable(),
  livesInHousehold: z.boolean(),
  isPrimary: z.boolean(),
  person: Person,
  /** Other cases this person appears in (a child known from before). */
  otherCases: z.array(z.object({ id: Id, caseNumber: z.string(), status: z.enum(CASE_STATUSES), visible: z.boolean() })),
});
export type Member = z.infer<typeof Member>;

// --- intakes -----------------------------------------------------------------------------

export const IntakeInput = z
  .object({
    receivedAt: Moment,
    channel: z.string().min(1).max(40),
    reporter: z
      .object({
        anonymous: z.boolean().default(false),
        name: optionalText(120),
        relation: optionalText(120),
        phone: optionalText(40),
      })
      .strict()
      .default({ anonymous: false, name: null, relation: null, phone: null }),
    concerns: z.array(z.string().min(1).max(40)).min(1).max(20),
    summary: z.string().trim().min(1).max(20_000),
  })
  .strict();
export type IntakeInput = z.output<typeof IntakeInput>;

export const Intake = z.object({
  id: Id,
  kind: z.enum(INTAKE_KINDS),
  receivedAt: z.string(),
  channel: z.string(),
  reporter: z.object({ anonymous: z.boolean(), name: z.string().nullable(), relation: z.string().nullable(), phone: z.string().nullable() }),
  concerns: z.array(z.string()),
  summary: z.string(),
  recordedBy: UserRef,
  createdAt: z.string(),
});
export type Intake = z.infer<typeof Intake>;

// --- cases -------------------------------------------------------------------------------

export const CaseHeader = z.object({
  id: Id,
  caseNumber: z.string(),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(PRIORITIES).nullable(),
  householdId: Id,
  responsible: UserRef,
  coWorkers: z.array(UserRef),
  openedAt: z.string(),
  lastIntakeAt: z.string(),
  closurePending: z.object({ requestedBy: UserRef, requestedAt: z.string(), reason: z.string() }).nullable(),
  closedAt: z.string().nullable(),
  closureReason: z.string().nullable(),
  /** When the case was sent to another office (issue 17): from then on it is read-only here. */
  transferredAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseHeader = z.infer<typeof CaseHeader>;

/**
 * Whether the case's content may still be changed here: not closed, and not sent to another
 * office. The one rule the case file's panels show their write buttons by (the router enforces
 * the same: `cases.caseClosed`-style codes and `cases.transferred`).
 */
export const caseWritable = (c: Pick<CaseHeader, 'status' | 'transferredAt'>): boolean => c.status !== 'closed' && c.transferredAt === null;

export const StatusHistoryEntry = z.object({
  id: Id,
  event: z.enum(HISTORY_EVENTS),
  from: z.enum(CASE_STATUSES).nullable(),
  to: z.enum(CASE_STATUSES),
  reason: z.string().nullable(),
  at: z.string(),
  by: UserRef,
});

export const Present = z
  .object({
    /** Case members present (person ids). */
    people: z.array(Id).max(50).default([]),
    /** Staff present (user ids). */
    users: z.array(UserId).max(20).default([]),
    /** Anyone else, free text (e.g. "class teacher"). */
    others: optionalText(500),
  })
  .strict();

export const NoteSummary = z.object({
  id: Id,
  type: z.enum(NOTE_TYPES),
  occurredAt: z.string(),
  version: z.number().int(),
  versionCount: z.number().int(),
  body: z.string(),
  present: z.object({ people: z.array(Id), users: z.array(z.string()), others: z.string().nullable() }),
  visitRefused: z.boolean(),
  createdBy: UserRef,
  createdAt: z.string(),
  editedBy: UserRef,
  editedAt: z.string(),
});
export type NoteSummary = z.infer<typeof NoteSummary>;

export const NoteVersion = NoteSummary.omit({ versionCount: true, createdBy: true, createdAt: true });
export type NoteVersion = z.infer<typeof NoteVersion>;

export const ServiceRecord = z.object({
  id: Id,
  service: z.string(),
  personId: Id.nullable(),
  deliveredOn: z.string(),
  sessions: z.number().int(),
  note: z.string().nullable(),
  deliveredBy: UserRef,
  createdAt: z.string(),
});
export type ServiceRecord = z.infer<typeof ServiceRecord>;

export const PlanAction = z.object({
  id: Id,
  goalId: Id,
  title: z.string(),
  responsible: UserRef,
  dueOn: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  doneAt: z.string().nullable(),
  taskId: Id.nullable(),
});
export type PlanAction = z.infer<typeof PlanAction>;

export const PlanGoal = z.object({
  id: Id,
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(GOAL_STATUSES),
  createdAt: z.string(),
  actions: z.array(PlanAction),
});
export type PlanGoal = z.infer<typeof PlanGoal>;

export const Task = z.object({
  id: Id,
  caseId: Id,
  caseNumber: z.string(),
  /** Primary child of the case, for the dashboard line. */
  childName: z.string().nullable(),
  kind: z.string(),
  source: z.enum(TASK_SOURCES),
  sourceId: z.string().nullable(),
  /** i18n key + params, or a free title (manual tasks, plan actions). */
  titleKey: z.string().nullable(),
  titleParams: z.record(z.string(), z.union([z.string(), z.number()])),
  title: z.string().nullable(),
  dueAt: z.string(),
  priority: z.enum(PRIORITIES).nullable(),
  assignee: UserRef.nullable(),
  doneAt: z.string().nullable(),
  doneBy: UserRef.nullable(),
  cancelled: z.boolean(),
  /** What came of it, written when completing (issue 14, item 9). */
  outcome: z.string().nullable(),
});
export type Task = z.infer<typeof Task>;

export const Flag = z.object({
  id: Id,
  kind: z.enum(FLAG_KINDS),
  /** What the flag suggests (seed 004: repeated reports and refused visits → reassess). */
  suggestion: z.literal('reassess'),
  sourceType: z.enum(['intake', 'note']),
  sourceId: Id,
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  raisedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: UserRef.nullable(),
});
export type Flag = z.infer<typeof Flag>;

export const CaseFile = z.object({
  case: CaseHeader,
  household: Household,
  members: z.array(Member),
  intakes: z.array(Intake),
  statusHistory: z.array(StatusHistoryEntry),
  /** Newest first; each with its latest version. */
  notes: z.array(NoteSummary),
  notesTotal: z.number().int(),
  services: z.array(ServiceRecord),
  plan: z.array(PlanGoal),
  tasks: z.array(Task),
  flags: z.array(Flag),
  /** The viewer sees this case only through an active cover for this colleague (issue 17). */
  coverFor: UserRef.nullable().optional(),
  /** The latest reassignment's handover note (pinned on top of the notes for the new caseworker). */
  handover: z.object({ noteId: Id, from: UserRef, to: UserRef, at: z.string() }).nullable().optional(),
});
export type CaseFile = z.infer<typeof CaseFile>;

/**
 * The slices of the case file a write changed besides its own row (issue 12), re-read in
 * the write's transaction: the page merges them (`caseFileUpdates.ts`) instead of loading
 * the whole file again, which would write a second `case.viewed` audit row.
 */
export const CaseFileParts = CaseFile.pick({
  case: true,
  members: true,
  intakes: true,
  statusHistory: true,
  notes: true,
  notesTotal: true,
  plan: true,
  tasks: true,
  flags: true,
  handover: true,
}).partial();
export type CaseFileParts = z.infer<typeof CaseFileParts>;
export type CaseFilePart = keyof CaseFileParts;

// --- lists, search, duplicates, dashboard -------------------------------------------------

export const CASE_SORTS = ['caseNumber', 'childName', 'intakeDate', 'priority'] as const;

export const CaseListInput = z
  .object({
    status: z.array(z.enum(CASE_STATUSES)).max(6).optional(),
    /** 'unset' = not yet assessed. */
    priority: z.array(z.enum([...PRIORITIES, 'unset'])).max(6).optional(),
    caseworkerId: UserId.optional(),
    concern: z.string().min(1).max(40).optional(),
    flagged: z.boolean().optional(),
    /** On the date of the latest intake (inclusive days, workstation time zone). */
    from: Day.optional(),
    to: Day.optional(),
    sort: z.enum(CASE_SORTS).default('intakeDate'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();
export type CaseListInput = z.output<typeof CaseListInput>;

export const CaseListRow = z.object({
  id: Id,
  caseNumber: z.string(),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(PRIORITIES).nullable(),
  closurePending: z.boolean(),
  child: z.object({ id: Id, firstName: z.string(), lastName: z.string(), birthDate: z.string().nullable(), birthYear: z.number().int().nullable() }).nullable(),
  childCount: z.number().int(),
  responsible: UserRef,
  openedAt: z.string(),
  lastIntakeAt: z.string(),
  flags: z.array(z.enum(FLAG_KINDS)),
  /** The colleague whose case this is when the viewer sees it only through an active cover (issue 17). */
  coverFor: UserRef.nullable().optional(),
});
export type CaseListRow = z.infer<typeof CaseListRow>;

export const CaseList = z.object({ total: z.number().int(), offset: z.number().int(), rows: z.array(CaseListRow) });
export type CaseList = z.infer<typeof CaseList>;

export const SEARCH_MATCHES = ['caseNumber', 'idNumber', 'name', 'household', 'note'] as const;
export const SearchHit = z.object({
  match: z.enum(SEARCH_MATCHES),
  caseId: Id,
  caseNumber: z.string(),
  status: z.enum(CASE_STATUSES),
  /** The matched person (name / id number hits) or the case's primary child. */
  person: z.object({ id: Id, firstName: z.string(), lastName: z.string(), role: z.enum(MEMBER_ROLES).nullable() }).nullable(),
  householdName: z.string().nullable(),
  noteId: Id.nullable(),
  /** A few words of the note around the match. */
  snippet: z.string().nullable(),
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const DuplicateCandidate = z.object({
  personId: Id,
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  /** Only the last four characters: the full number of someone else is not shown. */
  idNumberMasked: z.string().nullable(),
  score: z.number(),
  reasons: z.array(z.enum(['idNumber', 'sameName', 'similarName', 'birthDate', 'birthYear'])),
  // `transferred`: sent to another office — read-only here, neither open for a new report nor reopenable.
  cases: z.array(z.object({ id: Id, caseNumber: z.string(), status: z.enum(CASE_STATUSES), transferred: z.boolean(), role: z.enum(MEMBER_ROLES), visible: z.boolean() })),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

const PriorityCounts = z.record(z.string(), z.number().int());
const TaskGroup = z.object({ total: z.number().int(), byPriority: PriorityCounts, items: z.array(Task) });

export const Dashboard = z.object({
  scope: z.enum(['mine', 'everyone']),
  now: z.string(),
  todayEnd: z.string(),
  weekEnd: z.string(),
  overdue: TaskGroup,
  today: TaskGroup,
  week: TaskGroup,
  /** Supervisors (scope 'everyone'): per caseworker. */
  workload: z.array(
    z.object({ user: UserRef, activeCases: z.number().int(), openTasks: z.number().int(), overdue: z.number().int(), dueThisWeek: z.number().int() }),
  ),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const Lookup = z.object({
  kind: z.enum(LOOKUP_KINDS),
  code: z.string(),
  labelTr: z.string(),
  labelEn: z.string(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  /** Share in the seed's published statistics (percent), for concerns from seed 000. */
  seedShare: z.number().nullable(),
});
export type Lookup = z.infer<typeof Lookup>;

export const StaffMember = z.object({ id: z.string(), displayName: z.string(), roles: z.array(z.string()), disabled: z.boolean() });
