/**
 * Documents (PDF). Every document method returns a `DocumentResult`: the PDF
 * bytes (base64) for preview (an <iframe> on a blob: URL), save or print, plus
 * the document number and SHA-256 recorded in the register and the audit log.
 *
 * A feature adds its document as one method here, on the same pattern:
 *   'documents.courtReport': {
 *     input: DocumentRequest.extend({ caseId: z.string().uuid() }).strict(),
 *     output: DocumentResult,
 *     access: 'document:print',
 *     scope: { caseId: 'case' },
    // Printing reads the case (also a transferred one); only the document register gets a row.
    readsCases: true,
 *   },
 * and implements it with `printDocument()` from electron/core/documents.
 */
import { z } from 'zod';
import { LANGUAGES } from '../../i18n/languages';
import type { MethodSpec } from '../contract';
import { CourtReportDraft, CourtReportDraftContent, CourtReportPreparation, MAX_ANNEXES } from '../schemas/courtReport';

export const DOCUMENT_KINDS = ['recoverySheet', 'courtReport', 'referralLetter', 'assessmentSummary', 'statistics', 'auditLog'] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** A password for a PDF that leaves the office (AES-256; printing allowed, copying not). */
export const PdfPassword = z.string().min(8).max(128);

/** The common input of every document method; features `.extend()` it with their ids. */
export const DocumentRequest = z.object({
  language: z.enum(LANGUAGES),
  password: PdfPassword.optional(),
  /** Lets the renderer follow `job.progress` and call `jobs.cancel`. */
  jobId: z.string().max(64).optional(),
});

export const DocumentResult = z.object({
  documentNumber: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytesBase64: z.string(),
  pages: z.number().int().positive(),
});
export type DocumentResult = z.infer<typeof DocumentResult>;

const Id = z.number().int().positive();
/** Text the user types when printing (the court report's opinion and recommendation). */
const PrintText = z.string().trim().min(1).max(50_000);

export const documentMethods = {
  /**
   * The recovery-key sheet, printable only right after set-up: `sheetToken`
   * comes from `setup.create` and the key must be the one it just showed.
   * Public (no one is signed in yet), so the token is what authorises it.
   */
  'documents.recoverySheet': {
    input: z
      .object({
        sheetToken: z.string().min(16).max(128),
        recoveryKey: z.string().min(10).max(200),
        language: z.enum(LANGUAGES),
        jobId: z.string().max(64).optional(),
      })
      .strict(),
    output: DocumentResult,
    access: 'public',
    scope: 'none',
  },
  /** One risk assessment: criteria per domain, levels and rules, footnotes, approval, deadlines. */
  'documents.assessmentSummary': {
    input: DocumentRequest.extend({ assessmentId: Id }).strict(),
    output: DocumentResult,
    access: 'document:print',
    scope: { assessmentId: 'assessment' },
    // Printing reads the case (also a transferred one); only the document register gets a row.
    readsCases: true,
  },
  /**
   * The social inquiry report (Sosyal İnceleme Raporu) for a court. `hearingId` picks the
   * hearing it is for (default: the next scheduled one, else the latest). What the input
   * carries of the report's draft (opinion, recommendation, `draft` parts) is saved as the
   * next draft version first; the latest version is printed and recorded in the register.
   * Refused: 'documents.courtReportNoAssessment' while the case has no risk assessment,
   * 'documents.courtReportIncomplete' ({ missing }) without an opinion or a recommendation.
   */
  'documents.courtReport': {
    input: DocumentRequest.extend({
      caseId: Id,
      hearingId: Id.optional(),
      opinion: PrintText.optional(),
      recommendation: PrintText.optional(),
      draft: CourtReportDraftContent.partial().optional(),
    }).strict(),
    output: DocumentResult,
    access: 'document:print',
    scope: { caseId: 'case', hearingId: 'hearing', 'draft.attachmentIds[]': 'attachment' },
  },
  /** What the report's print dialog needs before anything is typed: hearings, the saved draft, method items, what is missing. */
  'documents.courtReportPrepare': {
    input: z.object({ caseId: Id, hearingId: Id.optional() }).strict(),
    output: CourtReportPreparation,
    access: 'document:print',
    scope: { caseId: 'case', hearingId: 'hearing' },
    // Reads what the report would print.
    readsCases: true,
  },
  /** Saves the report's draft as its next version (the same content keeps the version). */
  'documents.courtReportSaveDraft': {
    input: z.object({ caseId: Id, hearingId: Id.optional(), content: CourtReportDraftContent }).strict(),
    output: CourtReportDraft,
    access: 'document:print',
    scope: { caseId: 'case', hearingId: 'hearing', 'content.methodNoteIds[]': 'note', 'content.attachmentIds[]': 'attachment' },
  },
  /**
   * The referral letter with its reply slip; only the sections chosen on the referral.
   * `attachmentIds`: the case's attachments listed under "Ekler" (after the reply slip, Ek-1);
   * `appendPdfs`: the listed PDFs are appended to the file. Refused: 'documents.annexWithPassword'
   * (appending and a password together), 'documents.annexUnreadable' ({ attachmentId }).
   */
  'documents.referralLetter': {
    input: DocumentRequest.extend({
      referralId: Id,
      attachmentIds: z.array(Id).max(MAX_ANNEXES).optional(),
      appendPdfs: z.boolean().optional(),
    }).strict(),
    output: DocumentResult,
    access: 'document:print',
    scope: { referralId: 'referral', 'attachmentIds[]': 'attachment' },
    // Printing reads the case (also a transferred one); only the document register gets a row.
    readsCases: true,
  },
} as const satisfies Record<string, MethodSpec>;
