/**
 * Migration 25 — the dashboard's task lists at scale (issue 16). The "everyone" dashboard lists
 * the most urgent open tasks of a group (overdue, today, this week): ordered by priority, then
 * due date, cut at the limit. With the open tasks indexed by due date only, SQLite read every
 * overdue task (most of the 32 000 open ones at 100 000 cases) and sorted them to keep 100.
 * This partial index holds the open tasks in exactly that order (done_at too, so it covers the
 * query): SQLite walks each priority from the start of the due range and stops at the limit.
 * `ANALYZE tasks` gives the planner the few distinct priorities, so it seeks into each one.
 *
 * `note_terms`: every word of the note search index (folded, as FTS5 stores it). A word typed so
 * far ("öğretmen" → öğretmenle, öğretmeni …) is looked up here and searched as an OR of those
 * words: FTS5 then walks the matches newest first and stops at the limit, where a prefix query
 * ("ogretmen"*) first merges the whole index's lists of every such word (70 ms at a million
 * notes). Kept by the note writers (notesRepo, the demo generator); filled here from the index.
 */
import type { Migration } from './index';

export const m025ScaleIndexes: Migration = {
  version: 25,
  name: 'scale indexes',
  up(db) {
    db.exec('CREATE INDEX tasks_open_rank_due ON tasks(priority_rank, due_at, done_at) WHERE done_at IS NULL');
    db.exec('ANALYZE tasks');
    db.exec(`
      CREATE TABLE note_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE VIRTUAL TABLE temp.m025_note_vocab USING fts5vocab(main, notes_fts, 'row');
      INSERT INTO note_terms (term) SELECT term FROM temp.m025_note_vocab;
      DROP TABLE temp.m025_note_vocab;
    `);
  },
};
