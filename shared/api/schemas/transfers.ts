/** Transfer of a case to another office, in the app (issue 17). */
import { z } from 'zod';
import { CASE_STATUSES, DuplicateCandidate, Id, MEMBER_ROLES, UserRef } from './cases';

/**
 * The sections a caseworker may choose to send. The case itself, its household and its people
 * always go: the receiving office needs the child to open a case at all.
 */
export const TRANSFER_SECTIONS = ['notes', 'assessments', 'referrals'] as const;
export const TransferSection = z.enum(TRANSFER_SECTIONS);
export type TransferSection = z.infer<typeof TransferSection>;

/** A path on this computer (chosen in the host's dialog in the app, typed in the browser harness). */
export const FilePath = z.string().trim().min(1).max(1024);

export const OfficeRef = z.object({ office: z.string(), fingerprint: z.string() });
export type OfficeRef = z.infer<typeof OfficeRef>;

/** This office's transfer key: its fingerprint to read aloud, null while no administrator made it. */
export const OfficeTransferKey = z.object({ office: z.string(), fingerprint: z.string().nullable() });
export type OfficeTransferKey = z.infer<typeof OfficeTransferKey>;

export const TransferRequest = z.object({
  id: Id,
  caseId: Id,
  caseNumber: z.string(),
  sections: z.array(TransferSection),
  attachmentIds: z.array(Id),
  receiver: OfficeRef,
  state: z.enum(['pending', 'approved', 'rejected']),
  requestedBy: UserRef,
  requestedAt: z.string(),
  decidedBy: UserRef.nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  transferId: z.string().nullable(),
});
export type TransferRequest = z.infer<typeof TransferRequest>;

export const TransferCounts = z.object({
  people: z.number().int(),
  notes: z.number().int(),
  assessments: z.number().int(),
  referrals: z.number().int(),
  attachments: z.number().int(),
});
export type TransferCounts = z.infer<typeof TransferCounts>;

/** One person in a transfer file, with the duplicate check against this office's people. */
export const TransferPerson = z.object({
  index: z.number().int(),
  role: z.enum(MEMBER_ROLES),
  isPrimary: z.boolean(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  /** An existing person with the same identity number (type and number): linked, never duplicated. */
  linkedPersonId: Id.nullable(),
  candidates: z.array(DuplicateCandidate),
});
export type TransferPerson = z.infer<typeof TransferPerson>;

/** An open case here whose primary child may be the transferred child: the file can be merged into it. */
export const MergeTarget = z.object({ caseId: Id, caseNumber: z.string(), status: z.enum(CASE_STATUSES), personId: Id, score: z.number() });
export type MergeTarget = z.infer<typeof MergeTarget>;

export const TransferPreview = z.object({
  transferId: z.string(),
  createdAt: z.string(),
  sender: OfficeRef,
  receiver: OfficeRef,
  counts: TransferCounts,
  people: z.array(TransferPerson),
  mergeTargets: z.array(MergeTarget),
});
export type TransferPreview = z.infer<typeof TransferPreview>;

export const TransferImportResult = TransferCounts.extend({
  transferId: z.string(),
  caseId: Id,
  caseNumber: z.string(),
  merged: z.boolean(),
  /** People linked to existing people here (not created again). */
  linked: z.number().int(),
  sender: OfficeRef,
});
export type TransferImportResult = z.infer<typeof TransferImportResult>;

export const TransferReceived = z.object({
  transferId: z.string(),
  sender: OfficeRef,
  receivedAt: z.string(),
  receivedBy: UserRef,
  merged: z.boolean(),
  notes: z.number().int(),
  assessments: z.number().int(),
  attachments: z.number().int(),
  referrals: z.number().int(),
  /** The rows this transfer appended (provenance: shown as "transferred from OFFICE"). */
  noteIds: z.array(Id),
  assessmentIds: z.array(Id),
  attachmentIds: z.array(Id),
});
export type TransferReceived = z.infer<typeof TransferReceived>;

export const CaseTransfers = z.object({ requests: z.array(TransferRequest), received: z.array(TransferReceived) });
export type CaseTransfers = z.infer<typeof CaseTransfers>;
