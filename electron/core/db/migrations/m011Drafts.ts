/**
 * Migration 11 — drafts: what a user has typed into a form but not saved yet
 * (a note, assessment ticks, an intake, a referral, a court-report opinion),
 * kept inside the encrypted vault so an idle lock loses nothing. One row per
 * user and form; only its owner ever reads it; saving the form deletes it.
 */
import type { Migration } from './index';

export const m011Drafts: Migration = {
  version: 11,
  name: 'drafts',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        user_id     TEXT NOT NULL REFERENCES users(id),
        key         TEXT NOT NULL,          -- which form: 'note:12:new', 'assessment:7', 'intake:new' ...
        route       TEXT NOT NULL,          -- the screen to return to, e.g. '/cases/12?tab=notes'
        data        TEXT NOT NULL,          -- the form's values, JSON
        updated_at  TEXT NOT NULL,
        PRIMARY KEY (user_id, key)
      ) STRICT;
      CREATE INDEX drafts_user_updated ON drafts(user_id, updated_at);
    `);
  },
};
