/**
 * Statistics (issue 8). 'stats:read' gates every method; what the figures
 * cover is decided in core: a caseworker's statistics cover only the cases
 * they work on, supervisors and administrators see the whole office.
 *
 * The statistics PDF is a document method like the others (numbered, framed,
 * registered, audited as `document.printed`); it lives here rather than in
 * documents.ts so the two areas do not edit one file, and its access is
 * 'stats:read' because the administrator who prints the yearly report holds
 * no case permission.
 */
import { z } from 'zod';
import type { MethodSpec } from '../contract';
import { DocumentRequest, DocumentResult } from './documents';
import { CsvExportInput, CsvExportResult, StatsOptions, StatsPeriod, StatsQuery } from '../schemas/stats';

export const statsMethods = {
  'stats.options': { input: z.object({}).strict(), output: StatsOptions, access: 'stats:read', scope: 'office' },
  'stats.period': { input: StatsQuery, output: StatsPeriod, access: 'stats:read', scope: 'office' },
  /** Writes the CSV to a path on this computer (audited as `stats.exported`). */
  'stats.exportCsv': { input: CsvExportInput, output: CsvExportResult, access: 'stats:read', scope: 'office' },
  'documents.statistics': {
    input: DocumentRequest.extend(StatsQuery.omit({ jobId: true }).shape).strict(),
    output: DocumentResult,
    access: 'stats:read',
    scope: 'office',
  },
} as const satisfies Record<string, MethodSpec>;
