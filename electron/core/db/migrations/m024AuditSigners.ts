import type { Migration } from './index';

/**
 * Migration 24 — per-user audit signatures (issue 13; electron/core/audit/auditSigning.ts).
 * - `audit_keys`: every user's audit signing key (Ed25519 public half; the private half is sealed
 *   under her password in her keyring entry), bound to her folded user name and certified by the
 *   office authority (`cert`, NULL while not yet certified). Keys are never deleted: old rows keep
 *   verifying after a password reset gives a user a new key.
 * - `audit_log.actor_mac` (migration 9) now holds `keyId:signature` of each row a user wrote.
 * - meta `audit_signed_from`: the first sequence number that must be signed; earlier rows are
 *   "legacy" (written before this migration), reported, not failed. An administrator's session
 *   signs it (meta `audit_signed_from_sig`), so raising it to hide forged rows is detected.
 */
export const m024AuditSigners: Migration = {
  version: 24,
  name: 'audit signers',
  up(db) {
    db.exec(`
      CREATE TABLE audit_keys (
        id          TEXT PRIMARY KEY,
        username    TEXT NOT NULL,                 -- folded user name the key belongs to
        public_key  TEXT NOT NULL,                 -- base64 SPKI DER (Ed25519)
        created_at  TEXT NOT NULL,
        cert        TEXT                           -- office authority's signature; NULL: not yet certified
      ) STRICT;
      CREATE INDEX audit_keys_username ON audit_keys(username);
      INSERT INTO meta (key, value) SELECT 'audit_signed_from', CAST(COALESCE(MAX(seq), 0) + 1 AS TEXT) FROM audit_log;
    `);
  },
};
