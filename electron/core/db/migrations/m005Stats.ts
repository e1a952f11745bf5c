/**
 * Migration 5 — statistics helpers: indexes that let the period statistics
 * (electron/core/stats) read a period by its date column instead of scanning
 * ten years of a busy office. Indexes only; no data changes.
 */
import type { Migration } from './index';

export const m005Stats: Migration = {
  version: 5,
  name: 'statistics indexes',
  up(db) {
    db.exec(`
      CREATE INDEX cases_opened ON cases(opened_at);
      CREATE INDEX case_status_history_event ON case_status_history(event, at);
      CREATE INDEX case_services_delivered ON case_services(delivered_on);
      CREATE INDEX assessments_assessed ON assessments(assessed_at);
      CREATE INDEX tasks_source_kind_due ON tasks(source, kind, due_at);
    `);
  },
};
