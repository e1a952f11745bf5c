/**
 * `kalkan sync clone`: a replica for a new workstation. An administrator, signed in
 * on an existing replica, registers a new device (fresh id and Ed25519 key, signed by
 * this device's key) and gets a verified copy of the vault with its own keyring: the
 * same users and database key, the office's sync key, the new device's keys.
 * The first clone also sets sync up on this replica (it becomes the first device).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CodedError } from '../../../shared/api/envelope';
import { appendAudit, verifyAuditChain } from '../audit/auditLog';
import { integrityOk, openEncrypted, type Db } from '../db/open';
import { keyringPathFor, writeKeyring, type KeyringData } from '../vault/keyring';
import { readMeta, type Vault } from '../vault/vault';
import { insertDevice, newSyncKeys, openSyncKeys, signCert, type OpenSyncKeys } from './keys';
import { localDevice, setState } from './state';
import { uuidv7 } from './uid';
import type { Actor } from './sync';

export interface CloneResult {
  file: string;
  deviceId: string;
  /** This replica's own device id. */
  registeredBy: string;
}

/** Makes this replica a sync device if it is not one yet; returns its open keys. */
export function ensureSyncSetUp(vault: Vault, actor: Actor): OpenSyncKeys {
  const db = vault.database;
  return vault.withKey((dbKey, keyring) => {
    const device = localDevice(db);
    if (keyring.sync) {
      if (device !== keyring.sync.deviceId) throw new CodedError('sync.notSetUp');
      return openSyncKeys(keyring.sync, keyring.vaultId, dbKey);
    }
    if (device) throw new CodedError('sync.notSetUp'); // the vault syncs, but this keyring is not its device's
    const { keys, open } = newSyncKeys(keyring.vaultId, dbKey);
    const cert = signCert(keyring.vaultId, { deviceId: open.deviceId, publicKey: open.publicKey, registeredBy: actor.id, registeredAt: new Date().toISOString(), signedBy: open.deviceId }, open.privateKey);
    db.transaction(() => {
      setState(db, 'device_id', open.deviceId);
      insertDevice(db, cert);
      giveUids(db);
      appendAudit(db, { action: 'device.registered', actorId: actor.id, actorName: actor.username, targetType: 'device', targetId: open.deviceId, details: { first: true } });
    })();
    writeKeyring(vault.paths.keyring, { ...keyring, sync: keys });
    return open;
  });
}

/** Rows written before sync existed here (demo data, bulk writers) get their uid. */
function giveUids(db: Db): void {
  const rows = db.prepare('SELECT id FROM people WHERE uid IS NULL').all() as Array<{ id: number }>;
  const set = db.prepare('UPDATE people SET uid = ? WHERE id = ?');
  for (const r of rows) set.run(uuidv7(), r.id);
}

export function cloneVault(vault: Vault, actor: Actor, outPath: string): CloneResult {
  if (existsSync(outPath) || existsSync(keyringPathFor(outPath))) throw new CodedError('sync.targetExists');
  const db = vault.database;
  const mine = ensureSyncSetUp(vault, actor);
  const meta = readMeta(db);
  return vault.withKey((dbKey, keyring) => {
    const { keys, open } = newSyncKeys(keyring.vaultId, dbKey, mine.syncKey);
    const cert = signCert(keyring.vaultId, { deviceId: open.deviceId, publicKey: open.publicKey, registeredBy: actor.id, registeredAt: new Date().toISOString(), signedBy: mine.deviceId }, mine.privateKey);
    db.transaction(() => {
      insertDevice(db, cert);
      appendAudit(db, { action: 'device.registered', actorId: actor.id, actorName: actor.username, targetType: 'device', targetId: open.deviceId, details: { signedBy: mine.deviceId } });
    })();
    const copy = join(dirname(outPath), `.kalkan-clone-${randomUUID()}.db`);
    try {
      db.prepare('VACUUM INTO ?').run(copy);
      const replica = openEncrypted(copy, dbKey, { exclusive: false });
      try {
        // The copy is checked before it is handed over: sound, same vault, audit chain intact.
        if (!integrityOk(replica) || readMeta(replica).vaultId !== meta.vaultId || !verifyAuditChain(replica).ok) throw new CodedError('sync.cloneFailed');
        replica.transaction(() => {
          setState(replica, 'device_id', open.deviceId);
          setState(replica, 'next_segment', '1');
        })();
        replica.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        replica.close();
      }
      const replicaKeyring: KeyringData = { ...keyring, sync: keys };
      writeKeyring(keyringPathFor(outPath), replicaKeyring);
      renameSync(copy, outPath);
    } catch (error) {
      rmSync(keyringPathFor(outPath), { force: true });
      throw error;
    } finally {
      for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
    }
    return { file: outPath, deviceId: open.deviceId, registeredBy: mine.deviceId };
  });
}
