/**
 * The social inquiry report's own record (issue 15): what the caseworker types
 * or chooses for it, kept as versions per case and hearing, so a second print
 * or a correction never retypes it (electron/core/documents/courtReportDraftsRepo.ts).
 */
import { z } from 'zod';

/** Protective measures of Law 5395 art. 5 a report may propose. */
export const ART5_MEASURES = ['counselling', 'education', 'care', 'health', 'shelter'] as const;
export const Art5Measure = z.enum(ART5_MEASURES);
export type Art5Measure = z.infer<typeof Art5Measure>;

/** Note types that are a method of the inquiry: the interviews and visits listed under "Method". */
export const METHOD_NOTE_TYPES = ['home_visit', 'interview', 'social_examination', 'developmental_assessment', 'phone_call', 'counselling_family'] as const;

const Text = z.string().trim().max(50_000);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** How many attachments one document may list under Ekler. */
export const MAX_ANNEXES = 50;

export const CourtReportDraftContent = z
  .object({
    /** Date of the court's order asking for the report; null: the office's own motion. */
    requestOrderedOn: Day.nullable().default(null),
    /** Notes listed under "Method" (ids of visit/interview notes); null: all of them. */
    methodNoteIds: z.array(z.number().int().positive()).max(2000).nullable().default(null),
    familyHistory: Text.default(''),
    development: Text.default(''),
    /** The child's own views and wishes, in the child's words. */
    childViews: Text.default(''),
    /** When and how the child was heard, or why not. */
    childHeard: Text.default(''),
    housing: Text.default(''),
    opinion: Text.default(''),
    recommendation: Text.default(''),
    measures: z.array(Art5Measure).max(ART5_MEASURES.length).default([]),
    /** The case's attachments listed under "Ekler", in this order (issue 17). */
    attachmentIds: z.array(z.number().int().positive()).max(MAX_ANNEXES).default([]),
    /** Append the listed PDF attachments to the printed file. */
    appendPdfs: z.boolean().default(false),
  })
  .strict();
export type CourtReportDraftContent = z.infer<typeof CourtReportDraftContent>;

export const CourtReportDraft = z.object({
  version: z.number().int().positive(),
  savedAt: z.string(),
  savedBy: z.string(),
  content: CourtReportDraftContent,
});
export type CourtReportDraft = z.infer<typeof CourtReportDraft>;

/** What the report still lacks to be printed: said before anything is typed. */
export const COURT_REPORT_GAPS = ['assessment', 'opinion', 'recommendation'] as const;

export const CourtReportPreparation = z.object({
  caseId: z.number().int(),
  /** The hearing the report is for (as picked by default or asked for); null: none. */
  hearingId: z.number().int().nullable(),
  hearings: z.array(z.object({ id: z.number().int(), courtName: z.string(), fileNumber: z.string().nullable(), hearingAt: z.string() })),
  /** The latest saved version for this case and hearing, or null. */
  draft: CourtReportDraft.nullable(),
  /** Visit and interview notes that may be listed under "Method", oldest first. */
  methodItems: z.array(z.object({ noteId: z.number().int(), type: z.string(), occurredAt: z.string(), seen: z.string().nullable() })),
  missing: z.array(z.enum(COURT_REPORT_GAPS)),
  /** The case's attachments that may be listed under "Ekler" (newest first); `kind` 'pdf' can be appended. */
  attachments: z.array(z.object({ id: z.number().int(), fileName: z.string(), kind: z.string(), addedAt: z.string() })),
});
export type CourtReportPreparation = z.infer<typeof CourtReportPreparation>;
