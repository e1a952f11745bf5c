/**
 * The social inquiry report's stored draft (migration 12): opinion,
 * recommendation, method items and the other typed parts, one row per saved
 * version per case and hearing (hearing_key 0: not for a hearing). A save that
 * changes nothing keeps the latest version; a print records the version it
 * carries in the register (documents.draft_version). Owns the SQL of
 * `court_report_drafts`.
 */
import { CourtReportDraftContent, type CourtReportDraft } from '../../../shared/api/schemas/courtReport';
import { appendAudit } from '../audit/auditLog';
import type { Db } from '../db/open';

export const hearingKey = (hearingId: number | null | undefined): number => hearingId ?? 0;

const EMPTY: CourtReportDraftContent = CourtReportDraftContent.parse({});
export const emptyDraft = (): CourtReportDraftContent => structuredClone(EMPTY);

export function latestDraft(db: Db, caseId: number, hearingId: number | null): CourtReportDraft | null {
  const row = db
    .prepare('SELECT version, content, saved_by, saved_at FROM court_report_drafts WHERE case_id = ? AND hearing_key = ? ORDER BY version DESC LIMIT 1')
    .get(caseId, hearingKey(hearingId)) as { version: number; content: string; saved_by: string; saved_at: string } | undefined;
  if (!row) return null;
  const parsed = CourtReportDraftContent.safeParse(JSON.parse(row.content));
  return { version: row.version, savedAt: row.saved_at, savedBy: row.saved_by, content: parsed.success ? parsed.data : emptyDraft() };
}

const same = (a: CourtReportDraftContent, b: CourtReportDraftContent) => JSON.stringify(CourtReportDraftContent.parse(a)) === JSON.stringify(CourtReportDraftContent.parse(b));

/** Saves `content` as the next version unless it equals the latest; audited (ids and the version only). */
export function saveDraft(db: Db, input: { caseId: number; hearingId: number | null; content: CourtReportDraftContent; userId: string; username: string; now: Date }): CourtReportDraft {
  return db.transaction(() => {
    const latest = latestDraft(db, input.caseId, input.hearingId);
    const content = CourtReportDraftContent.parse(input.content);
    if (latest && same(latest.content, content)) return latest;
    const version = (latest?.version ?? 0) + 1;
    const savedAt = input.now.toISOString();
    db.prepare('INSERT INTO court_report_drafts (case_id, hearing_key, version, content, saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      input.caseId,
      hearingKey(input.hearingId),
      version,
      JSON.stringify(content),
      input.userId,
      savedAt,
    );
    appendAudit(db, {
      action: 'courtReport.draftSaved',
      actorId: input.userId,
      actorName: input.username,
      targetType: 'case',
      targetId: String(input.caseId),
      details: { hearingId: input.hearingId, version },
    });
    return { version, savedAt, savedBy: input.userId, content };
  })();
}
