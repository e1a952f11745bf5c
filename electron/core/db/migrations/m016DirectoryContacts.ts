/**
 * Migration 16 — institution contacts (issue 14): every entry of the directory
 * has a KEP address (registered electronic mail, "Kayıtlı Elektronik Posta")
 * beside its address, phone, e-mail and contact person. The province's own
 * entries are seeded at set-up (electron/core/referrals/directorySeed.ts), not here.
 */
import type { Migration } from './index';

export const m016DirectoryContacts: Migration = {
  version: 16,
  name: 'institution contacts',
  up(db) {
    db.exec(`ALTER TABLE institutions ADD COLUMN kep TEXT;`);
  },
};
