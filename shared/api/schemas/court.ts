/**
 * Shapes of the court area (issue 7): Child Protection Court hearings and the
 * orders made in them — seed 003's shelter, medical examination, physical
 * therapy and psychological counselling (individual, group, family), and the
 * protective and supportive measures of Law 5395 art. 5 (education, health,
 * care, counselling) — with compliance tracked by dated updates.
 */
import { z } from 'zod';
import { CaseFileParts, Day, Id, Moment, UserId, UserRef } from './cases';

export const HEARING_STATUSES = ['scheduled', 'held', 'postponed', 'cancelled'] as const;
export type HearingStatus = (typeof HEARING_STATUSES)[number];

export const ORDER_KINDS = [
  'shelter',
  'medical_examination',
  'physical_therapy',
  'psychological_counselling_individual',
  'psychological_counselling_group',
  'psychological_counselling_family',
  'education',
  'health_measure',
  'care_measure',
  'counselling_measure',
  'other',
] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

export const COMPLIANCE_STATUSES = ['pending', 'in_progress', 'complied', 'not_complied'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];
export const OPEN_COMPLIANCE: readonly ComplianceStatus[] = ['pending', 'in_progress'];

/** The hearing reminder: a preparation task this many days before, and one on the day. */
export const HEARING_PREPARE_DAYS = 3;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const Hearing = z.object({
  id: Id,
  caseId: Id,
  caseNumber: z.string(),
  childName: z.string().nullable(),
  courtName: z.string(),
  courtInstitutionId: Id.nullable(),
  /** Esas no. */
  fileNumber: z.string().nullable(),
  hearingAt: z.string(),
  judge: z.string().nullable(),
  toBring: z.string().nullable(),
  status: z.enum(HEARING_STATUSES),
  outcome: z.string().nullable(),
  createdBy: UserRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Hearing = z.infer<typeof Hearing>;

export const HearingInput = z
  .object({
    caseId: Id,
    courtName: z.string().trim().min(2).max(200),
    /** The court's entry in the directory, when picked from it. */
    courtInstitutionId: Id.nullish(),
    fileNumber: optionalText(60),
    hearingAt: Moment,
    judge: optionalText(120),
    toBring: optionalText(2000),
  })
  .strict();
export type HearingInput = z.output<typeof HearingInput>;

export const HearingUpdate = z
  .object({
    id: Id,
    expectedVersion: z.number().int().positive(),
    courtName: z.string().trim().min(2).max(200).optional(),
    courtInstitutionId: Id.nullish(),
    fileNumber: optionalText(60).optional(),
    hearingAt: Moment.optional(),
    judge: optionalText(120).optional(),
    toBring: optionalText(2000).optional(),
    status: z.enum(HEARING_STATUSES).optional(),
    outcome: optionalText(10_000).optional(),
  })
  .strict();
export type HearingUpdate = z.output<typeof HearingUpdate>;

export const ComplianceUpdate = z.object({
  id: Id,
  from: z.enum(COMPLIANCE_STATUSES).nullable(),
  to: z.enum(COMPLIANCE_STATUSES),
  on: z.string(),
  note: z.string().nullable(),
  at: z.string(),
  by: UserRef,
});
export type ComplianceUpdate = z.infer<typeof ComplianceUpdate>;

export const OrderResponsible = z.discriminatedUnion('type', [
  z.object({ type: z.literal('institution'), id: Id, name: z.string() }),
  z.object({ type: z.literal('user'), id: z.string(), name: z.string() }),
]);
export type OrderResponsible = z.infer<typeof OrderResponsible>;

export const CourtOrder = z.object({
  id: Id,
  caseId: Id,
  caseNumber: z.string(),
  childName: z.string().nullable(),
  hearingId: Id.nullable(),
  person: z.object({ id: Id, name: z.string() }).nullable(),
  kind: z.enum(ORDER_KINDS),
  description: z.string().nullable(),
  orderedOn: z.string(),
  responsible: OrderResponsible,
  dueOn: z.string().nullable(),
  compliance: z.enum(COMPLIANCE_STATUSES),
  /** Still open and past its due day. */
  overdue: z.boolean(),
  updates: z.array(ComplianceUpdate),
  createdBy: UserRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type CourtOrder = z.infer<typeof CourtOrder>;

const responsibleFields = {
  responsibleInstitutionId: Id.optional(),
  responsibleUserId: UserId.optional(),
};

export const OrderInput = z
  .object({
    caseId: Id,
    hearingId: Id.nullish(),
    personId: Id.nullish(),
    kind: z.enum(ORDER_KINDS),
    description: optionalText(5000),
    orderedOn: Day,
    ...responsibleFields,
    dueOn: Day.nullish(),
  })
  .strict()
  .refine((o) => (o.responsibleInstitutionId === undefined) !== (o.responsibleUserId === undefined), { path: ['responsibleInstitutionId'] });
export type OrderInput = z.output<typeof OrderInput>;

export const OrderUpdate = z
  .object({
    id: Id,
    expectedVersion: z.number().int().positive(),
    description: optionalText(5000).optional(),
    ...responsibleFields,
    dueOn: Day.nullish(),
  })
  .strict()
  .refine((o) => o.responsibleInstitutionId === undefined || o.responsibleUserId === undefined, { path: ['responsibleInstitutionId'] });
export type OrderUpdate = z.output<typeof OrderUpdate>;

export const CaseCourt = z.object({ hearings: z.array(Hearing), orders: z.array(CourtOrder) });
export type CaseCourt = z.infer<typeof CaseCourt>;

/** A hearing or an order as a write returns it: with the slices of its case file the write changed (issue 12: the reminder tasks). */
export const HearingWritten = Hearing.extend({ parts: CaseFileParts.optional() });
export type HearingWritten = z.infer<typeof HearingWritten>;
export const CourtOrderWritten = CourtOrder.extend({ parts: CaseFileParts.optional() });
export type CourtOrderWritten = z.infer<typeof CourtOrderWritten>;

export const CourtOverview = z.object({
  /** Scheduled hearings from today on, across the cases the user may see, soonest first. */
  upcoming: z.array(Hearing),
  /** Orders, open ones first (overdue first), then the rest by due day. */
  orders: z.array(CourtOrder),
  openOrders: z.number().int(),
  overdueOrders: z.number().int(),
});
export type CourtOverview = z.infer<typeof CourtOverview>;
