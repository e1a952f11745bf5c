import type { Migration } from './index';

/**
 * Task outcomes (issue 14, item 9): completing a task records what came of it
 * (free text, shown with the done task in the case's task history). NULL for
 * tasks completed before, cancelled ones and those closed by their source.
 */
export const m017TaskOutcomes: Migration = {
  version: 17,
  name: 'task outcomes',
  up(db) {
    db.exec(`ALTER TABLE tasks ADD COLUMN outcome TEXT;`);
  },
};
