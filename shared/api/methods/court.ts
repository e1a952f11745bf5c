/**
 * Court preparation (issue 7): hearings, orders and their compliance. Reading
 * needs 'case:read', changes 'court:write'; both follow the case's visibility
 * (enforced in core).
 */
import { z } from 'zod';
import type { MethodSpec } from '../contract';
import { Day, Id } from '../schemas/cases';
import { CaseCourt, COMPLIANCE_STATUSES, CourtOrderWritten, CourtOverview, HearingInput, HearingUpdate, HearingWritten, OrderInput, OrderUpdate } from '../schemas/court';

export const courtMethods = {
  'court.forCase': { input: z.object({ caseId: Id }).strict(), output: CaseCourt, access: 'case:read', scope: { caseId: 'case' } },
  /** Upcoming hearings and orders with their compliance, across the cases the user may see. */
  'court.overview': {
    input: z
      .object({
        compliance: z.array(z.enum(COMPLIANCE_STATUSES)).max(COMPLIANCE_STATUSES.length).optional(),
        limit: z.number().int().min(1).max(500).default(200),
      })
      .strict(),
    output: CourtOverview,
    access: 'case:read',
    scope: 'office',
  },
  // Each write returns its hearing or order with `parts`: the slices of its case file it changed (issue 12: the reminder tasks).
  'hearings.add': { input: HearingInput, output: HearingWritten, access: 'court:write', scope: { caseId: 'case' }, audit: 'court.hearingAdded' },
  /** Reschedule, record the outcome, mark held / postponed / cancelled (reminder tasks follow). */
  'hearings.update': { input: HearingUpdate, output: HearingWritten, access: 'court:write', scope: { id: 'hearing' }, audit: 'court.hearingUpdated' },
  'orders.add': { input: OrderInput, output: CourtOrderWritten, access: 'court:write', scope: { caseId: 'case', hearingId: 'hearing', personId: 'person' }, audit: 'court.orderAdded' },
  'orders.update': { input: OrderUpdate, output: CourtOrderWritten, access: 'court:write', scope: { id: 'order' }, audit: 'court.orderUpdated' },
  'orders.updateCompliance': {
    input: z
      .object({ id: Id, status: z.enum(COMPLIANCE_STATUSES), on: Day.optional(), note: z.string().trim().max(5000).nullish() })
      .strict(),
    output: CourtOrderWritten,
    access: 'court:write',
    scope: { id: 'order' },
    audit: 'court.complianceUpdated',
  },
} as const satisfies Record<string, MethodSpec>;
