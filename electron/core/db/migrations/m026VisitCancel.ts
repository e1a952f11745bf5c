/**
 * Migration 26 — a planned visit's cancellation keeps its reason (issue 17): the visit leaves the
 * calendar, and the case file lists it struck through with who cancelled it, when and why.
 */
import type { Migration } from './index';

export const m026VisitCancel: Migration = {
  version: 26,
  name: 'planned visit cancel reason',
  up(db) {
    db.exec('ALTER TABLE planned_visits ADD COLUMN cancel_reason TEXT');
  },
};
