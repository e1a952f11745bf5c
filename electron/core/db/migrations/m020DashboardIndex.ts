/**
 * Migration 20 — the dashboard's counts from one ordered index (issue 16). The dashboard
 * counts open tasks per assignee and priority (overdue, today, this week, open); with the
 * open tasks indexed by assignee and due date it read every open task and grouped them in
 * a temporary b-tree. This partial index holds them in the order of that grouping and
 * carries every column the counts read (done_at too, so SQLite sees it covers the query):
 * one ordered pass over the index, no sort, no table row.
 */
import type { Migration } from './index';

export const m020DashboardIndex: Migration = {
  version: 20,
  name: 'dashboard index',
  up(db) {
    db.exec('CREATE INDEX tasks_open_assignee_rank ON tasks(assignee_user_id, priority_rank, due_at, done_at) WHERE done_at IS NULL');
  },
};
