/**
 * Transfer of a case to another office, in the app (issue 17). The files are paths on this
 * computer: chosen in the host's native dialog in the app (the IPC handler refuses a path no
 * dialog returned, see CHOSEN_PATH_FIELDS), typed in the browser harness.
 */
import { z } from 'zod';
import type { MethodSpec } from '../contract';
import { CaseFileParts, Id } from '../schemas/cases';
import { CaseTransfers, FilePath, OfficeRef, OfficeTransferKey, TransferImportResult, TransferPreview, TransferRequest, TransferSection } from '../schemas/transfers';

/**
 * What a request, an approval or a rejection changed on the case page (issue 12): the case's
 * transfer state as `transfers.forCase` reads it, and the slices of the case file (`parts`).
 */
const changedOnCase = { caseTransfers: CaseTransfers, parts: CaseFileParts.optional() };

export const transfersMethods = {
  /** This office's transfer key fingerprint (null until an administrator made the key). */
  'transfers.officeKey': { input: z.object({}).strict(), output: OfficeTransferKey, access: 'session', scope: 'none' },
  /** Makes the office's transfer key if needed and writes its public part (OFFICE.pub). Refused: 'file.exists'. */
  'transfers.exportOfficeKey': {
    input: z.object({ path: FilePath }).strict(),
    output: OfficeRef.extend({ path: z.string() }),
    access: 'settings:write',
    scope: 'none',
    audit: 'office.transferKeyExported',
  },
  /** Reads a receiving office's key file to show its name and fingerprint. Refused: 'transfer.keyFileInvalid', 'transfer.sameOffice', 'transfer.fileUnreadable'. */
  'transfers.readKeyFile': { input: z.object({ path: FilePath }).strict(), output: OfficeRef, access: 'case:write', scope: 'none' },
  /**
   * A caseworker asks for the case to be sent (a supervisor approves). Refused: 'transfer.pending',
   * 'transfer.caseClosed', 'transfer.sameOffice', 'transfer.keyFileInvalid', 'transfer.attachmentNotInCase'
   * ({ field }); a case already sent: 'cases.transferred' (the router's transferred-case check).
   */
  'transfers.request': {
    input: z
      .object({
        caseId: Id,
        sections: z.array(TransferSection).max(3),
        attachmentIds: z.array(Id).max(1000),
        keyFile: FilePath,
      })
      .strict(),
    output: TransferRequest.extend(changedOnCase),
    access: 'case:write',
    scope: { caseId: 'case', 'attachmentIds[]': 'attachment' },
    audit: 'transfer.requested',
  },
  /** Pending requests of the office, for supervisors. */
  'transfers.pending': { input: z.object({}).strict(), output: z.array(TransferRequest), access: 'case:approve', scope: 'office' },
  /** The case's transfer requests and what it received by transfer (provenance). */
  'transfers.forCase': { input: z.object({ caseId: Id }).strict(), output: CaseTransfers, access: 'case:read', scope: { caseId: 'case' } },
  /**
   * A supervisor approves: the .kcase is written to `out` (encrypted for the receiver, signed by this
   * office), the case becomes read-only here. Refused: 'transfer.requestNotFound', 'transfer.decided',
   * 'transfer.noKeys', 'transfer.caseClosed', 'file.exists'; a case already sent: 'cases.transferred'.
   */
  'transfers.approve': {
    input: z.object({ caseId: Id, requestId: Id, out: FilePath }).strict(),
    output: z.object({ transferId: z.string(), caseNumber: z.string(), path: z.string(), receiver: OfficeRef, attachments: z.number().int(), ...changedOnCase }),
    access: 'case:approve',
    scope: { caseId: 'case' },
    audit: 'case.transferredOut',
  },
  'transfers.reject': {
    input: z.object({ caseId: Id, requestId: Id, reason: z.string().trim().min(1).max(2000) }).strict(),
    output: TransferRequest.extend(changedOnCase),
    access: 'case:approve',
    scope: { caseId: 'case' },
    audit: 'transfer.rejected',
  },
  /**
   * Verifies and opens a .kcase (signature, receiver, not imported before) and shows what arrives
   * with the duplicate check; writes nothing but its audit row. Refused: 'transfer.tampered',
   * 'transfer.wrongOffice', 'transfer.replayed', 'transfer.noKeys', 'transfer.fileUnreadable'.
   */
  'transfers.preview': { input: z.object({ file: FilePath }).strict(), output: TransferPreview, access: 'case:approve', scope: 'office', audit: 'transfer.previewed' },
  /**
   * Imports a .kcase: a new case, or (targetCaseId, one of the preview's mergeTargets) merged into
   * that case — appended, never overwritten (see electron/core/transfer/caseTransfer.ts).
   * Refused as preview, and 'transfer.notMergeTarget' ({ field }).
   */
  'transfers.import': {
    input: z.object({ file: FilePath, targetCaseId: Id.optional() }).strict(),
    output: TransferImportResult,
    access: 'case:approve',
    scope: { targetCaseId: 'case' },
    audit: 'case.transferredIn',
  },
} as const satisfies Record<string, MethodSpec>;
