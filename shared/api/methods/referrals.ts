/**
 * Referrals (issue 7): the institution directory and referrals with consent,
 * shared sections, dated states and the reply slip. Reading the directory is
 * open to any signed-in user; editing it needs 'directory:write'. Referrals
 * follow their case's visibility (enforced in core).
 */
import { z } from 'zod';
import type { MethodSpec } from '../contract';
import { Day, Id } from '../schemas/cases';
import { DirectoryImportResult, INSTITUTION_TYPES, Institution, InstitutionUpsert, Referral, ReferralFields, ReferralList, ReferralListInput, ReferralWritten } from '../schemas/referrals';

const Transition = z
  .object({
    id: Id,
    /** The day it happened; default today. */
    on: Day.optional(),
    note: z.string().trim().max(5000).nullish(),
  })
  .strict();

/** The ids inside a referral's fields: the person referred, who consented, the notes shared. */
const REFERRAL_FIELD_IDS = { personId: 'person', 'consent.givenByPersonId': 'person', 'sharedNoteIds[]': 'note' } as const;

export const referralsMethods = {
  // --- directory ---
  'institutions.list': {
    input: z
      .object({
        /** Folded search on the name ("isadem" finds "İSADEM"). */
        q: z.string().max(200).optional(),
        type: z.enum(INSTITUTION_TYPES).optional(),
        includeInactive: z.boolean().default(false),
        limit: z.number().int().min(1).max(1000).default(500),
      })
      .strict(),
    output: z.array(Institution),
    access: 'session',
    scope: 'none',
  },
  'institutions.upsert': { input: InstitutionUpsert, output: Institution, access: 'directory:write', scope: 'none', audit: 'institution.updated' },
  /** The whole directory (inactive entries too) as CSV text (issue 14); audited. */
  'institutions.exportCsv': { input: z.object({}).strict(), output: z.object({ csv: z.string(), rows: z.number().int() }), access: 'session', scope: 'none', audit: 'institution.exported' },
  /**
   * A directory CSV (as exported, or made in a spreadsheet): all rows checked first; with any error nothing
   * changes and `errors` say which line, column and problem. Audited either way.
   */
  'institutions.importCsv': {
    input: z.object({ csv: z.string().min(1).max(4_000_000) }).strict(),
    output: DirectoryImportResult,
    access: 'directory:write',
    scope: 'none',
  },

  // --- referrals ---
  // Each write returns the referral with `parts`: the slices of its case file it changed (issue 12), for the case page.
  'referrals.create': { input: ReferralFields.extend({ caseId: Id }).strict(), output: ReferralWritten, access: 'referral:write', scope: { caseId: 'case', ...REFERRAL_FIELD_IDS }, audit: 'referral.created' },
  /** Replaces a draft's fields; refused with 'referrals.notDraft' once sent, 'referrals.conflict' when someone saved since. */
  'referrals.updateDraft': {
    input: ReferralFields.extend({ id: Id, expectedVersion: z.number().int().positive() }).strict(),
    output: ReferralWritten,
    access: 'referral:write',
    scope: { id: 'referral', ...REFERRAL_FIELD_IDS },
    audit: 'referral.updated',
  },
  'referrals.get': { input: z.object({ id: Id }).strict(), output: Referral, access: 'case:read', scope: { id: 'referral' } },
  'referrals.listForCase': { input: z.object({ caseId: Id }).strict(), output: z.array(Referral), access: 'case:read', scope: { caseId: 'case' } },
  'referrals.list': { input: ReferralListInput, output: ReferralList, access: 'case:read', scope: 'office' },
  /** Refused with 'referrals.consentRequired' unless consent (who, how, when) or a legal ground is recorded. */
  'referrals.send': {
    input: z.object({ id: Id, on: Day.optional(), replyDueOn: Day.optional() }).strict(),
    output: ReferralWritten,
    access: 'referral:write',
    scope: { id: 'referral' },
    audit: 'referral.sent',
  },
  'referrals.acknowledge': { input: Transition, output: ReferralWritten, access: 'referral:write', scope: { id: 'referral' }, audit: 'referral.acknowledged' },
  'referrals.serviceStarted': { input: Transition, output: ReferralWritten, access: 'referral:write', scope: { id: 'referral' }, audit: 'referral.serviceStarted' },
  'referrals.close': {
    input: z.object({ id: Id, on: Day.optional(), outcome: z.string().trim().min(1).max(5000) }).strict(),
    output: ReferralWritten,
    access: 'referral:write',
    scope: { id: 'referral' },
    audit: 'referral.closed',
  },
  'referrals.decline': {
    input: z.object({ id: Id, on: Day.optional(), reason: z.string().trim().min(1).max(5000) }).strict(),
    output: ReferralWritten,
    access: 'referral:write',
    scope: { id: 'referral' },
    audit: 'referral.declined',
  },
  /** The reply slip: acknowledges a sent referral on receivedOn, and marks the service started when serviceStartedOn is given. */
  'referrals.recordReply': {
    input: z
      .object({
        id: Id,
        receivedOn: Day,
        serviceStartedOn: Day.nullish(),
        contactPerson: z.string().trim().max(120).nullish(),
        outcome: z.string().trim().max(5000).nullish(),
      })
      .strict(),
    output: ReferralWritten,
    access: 'referral:write',
    scope: { id: 'referral' },
    audit: 'referral.replyRecorded',
  },
} as const satisfies Record<string, MethodSpec>;
