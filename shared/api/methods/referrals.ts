/**
 * Referrals (issue 7): the institution directory and referrals with consent,
 * shared sections, dated states and the reply slip. Reading the directory is
 * open to any signed-in user; editing it needs 'directory:write'. Referrals
 * follow their case's visibility (enforced in core).
 */
import { z } from 'zod';
import type { MethodSpec } from '../contract';
import { Day, Id } from '../schemas/cases';
import { INSTITUTION_TYPES, Institution, InstitutionUpsert, Referral, ReferralFields, ReferralList, ReferralListInput } from '../schemas/referrals';

const Transition = z
  .object({
    id: Id,
    /** The day it happened; default today. */
    on: Day.optional(),
    note: z.string().trim().max(5000).nullish(),
  })
  .strict();

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
  },
  'institutions.upsert': { input: InstitutionUpsert, output: Institution, access: 'directory:write' },

  // --- referrals ---
  'referrals.create': { input: ReferralFields.extend({ caseId: Id }).strict(), output: Referral, access: 'referral:write' },
  /** Replaces a draft's fields; refused with 'referrals.notDraft' once sent, 'referrals.conflict' when someone saved since. */
  'referrals.updateDraft': {
    input: ReferralFields.extend({ id: Id, expectedVersion: z.number().int().positive() }).strict(),
    output: Referral,
    access: 'referral:write',
  },
  'referrals.get': { input: z.object({ id: Id }).strict(), output: Referral, access: 'case:read' },
  'referrals.listForCase': { input: z.object({ caseId: Id }).strict(), output: z.array(Referral), access: 'case:read' },
  'referrals.list': { input: ReferralListInput, output: ReferralList, access: 'case:read' },
  /** Refused with 'referrals.consentRequired' unless consent (who, how, when) or a legal ground is recorded. */
  'referrals.send': {
    input: z.object({ id: Id, on: Day.optional(), replyDueOn: Day.optional() }).strict(),
    output: Referral,
    access: 'referral:write',
  },
  'referrals.acknowledge': { input: Transition, output: Referral, access: 'referral:write' },
  'referrals.serviceStarted': { input: Transition, output: Referral, access: 'referral:write' },
  'referrals.close': {
    input: z.object({ id: Id, on: Day.optional(), outcome: z.string().trim().min(1).max(5000) }).strict(),
    output: Referral,
    access: 'referral:write',
  },
  'referrals.decline': {
    input: z.object({ id: Id, on: Day.optional(), reason: z.string().trim().min(1).max(5000) }).strict(),
    output: Referral,
    access: 'referral:write',
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
    output: Referral,
    access: 'referral:write',
  },
} as const satisfies Record<string, MethodSpec>;
