import type { Migration } from './index';

/**
 * Signed authority (issue 13): each user's grant (id, user name, roles, enabled) carries the
 * office's Ed25519 signature, so a role or state edited in the table is refused; each audit row
 * carries an HMAC under its actor's own key, so one user cannot write rows in another's name.
 */
export const m009Security: Migration = {
  version: 9,
  name: 'security',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN grant_sig TEXT;        -- base64 Ed25519 signature of the grant (authority.ts)
      ALTER TABLE audit_log ADD COLUMN actor_mac TEXT;    -- HMAC of the row's hash under the actor's audit key
    `);
  },
};
