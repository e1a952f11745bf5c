/**
 * The audit log as a supervisor reads it (issue 14, item 7): rows with the
 * actor's name, the case's number and child instead of internal ids; filters
 * by case, user, action and period; the filtered log exported as CSV or PDF
 * (each export is itself audited).
 */
import { z } from 'zod';
import type { MethodSpec } from '../contract';
import { AuditEntry, IsoDate } from '../schemas/auth';
import { DocumentRequest, DocumentResult } from './documents';

export const AuditFilter = z
  .object({
    /** Instants (ISO); the screen sends the local day's bounds. `to` is exclusive. */
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    action: z.string().max(64).optional(),
    actorId: z.string().max(64).optional(),
    /** A case number as printed, e.g. 2026/0025. */
    caseNumber: z.string().trim().max(32).optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof AuditFilter>;

export const ReadableAuditEntry = AuditEntry.extend({
  actorDisplayName: z.string().nullable(),
  caseId: z.number().int().nullable(),
  caseNumber: z.string().nullable(),
  /** The case's primary child. */
  caseName: z.string().nullable(),
  /** What the row is about, by name (a user, an institution), when it is not a case. */
  targetName: z.string().nullable(),
  /**
   * Detail values that are ids or the office's own codes, by name (detail key → display names, an
   * institution's name, case numbers; a service from the office's lists in both languages): see `namedDetail`.
   */
  detailNames: z.record(z.string(), z.union([z.string(), z.object({ tr: z.string(), en: z.string() })])).optional(),
});
export type ReadableAuditEntry = z.infer<typeof ReadableAuditEntry>;

/** At most this many rows go into one export. */
export const AUDIT_EXPORT_MAX = 10_000;

export const auditMethods = {
  'audit.search': {
    input: AuditFilter.extend({ limit: z.number().int().min(1).max(500).default(100), beforeSeq: z.number().int().positive().optional() }).strict(),
    output: z.object({
      rows: z.array(ReadableAuditEntry),
      actions: z.array(z.string()),
      actors: z.array(z.object({ id: z.string(), displayName: z.string() })),
      /** The case number asked for matched no case. */
      unknownCase: z.boolean(),
    }),
    access: 'audit:read',
    scope: 'office',
  },
  'audit.exportCsv': {
    input: AuditFilter.extend({ language: DocumentRequest.shape.language, jobId: z.string().max(64).optional() }).strict(),
    output: z.object({ csv: z.string(), rows: z.number().int(), truncated: z.boolean() }),
    access: 'audit:read',
    scope: 'office',
  },
  'documents.auditLog': { input: DocumentRequest.extend(AuditFilter.shape).strict(), output: DocumentResult, access: 'audit:read', scope: 'office' },
} as const satisfies Record<string, MethodSpec>;
