/**
 * Sync keys, kept in the keyring (`sync` section) beside the database key:
 * - the device id (16 hex digits, also the clock's node id),
 * - the device's Ed25519 signing key (public part in clear, private part sealed),
 * - the office's sync key (AES-256-GCM), the same on every device of the office.
 * Secrets are sealed with AES-256-GCM under a key derived (HKDF) from the database
 * key, so whoever can unlock the vault can sync, and nobody else: they are wrapped
 * like the database key, one level further down.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { CodedError } from '../../../shared/api/envelope';
import type { Db } from '../db/open';
import { open, seal } from '../vault/aead';

const SealedSchema = z.object({ nonce: z.string(), ciphertext: z.string(), tag: z.string() });
export const SyncKeysSchema = z.object({
  deviceId: z.string().regex(/^[0-9A-F]{16}$/),
  publicKey: z.string(),
  secretKey: SealedSchema,
  syncKey: SealedSchema,
});
export type SyncKeys = z.infer<typeof SyncKeysSchema>;

export interface OpenSyncKeys {
  deviceId: string;
  publicKey: string;
  privateKey: KeyObject;
  syncKey: Buffer;
}

export const newDeviceId = (): string => randomBytes(8).toString('hex').toUpperCase();

function wrapKey(dbKey: Buffer, vaultId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dbKey, Buffer.from(vaultId, 'utf8'), Buffer.from('kalkan-sync-keys/v1', 'utf8'), 32));
}
const aad = (vaultId: string, deviceId: string, what: string) => `kalkan-sync/v1|${vaultId}|${deviceId}|${what}`;

/** A new device: fresh id and signing key; the office's sync key is given (clone) or new (first device). */
export function newSyncKeys(vaultId: string, dbKey: Buffer, syncKey: Buffer = randomBytes(32)): { keys: SyncKeys; open: OpenSyncKeys } {
  const deviceId = newDeviceId();
  const pair = generateKeyPairSync('ed25519');
  const publicKey = pair.publicKey.export({ format: 'jwk' }).x!;
  const wrap = wrapKey(dbKey, vaultId);
  const keys: SyncKeys = {
    deviceId,
    publicKey,
    secretKey: seal(wrap, pair.privateKey.export({ format: 'der', type: 'pkcs8' }), aad(vaultId, deviceId, 'device')),
    syncKey: seal(wrap, syncKey, aad(vaultId, deviceId, 'sync')),
  };
  wrap.fill(0);
  return { keys, open: { deviceId, publicKey, privateKey: pair.privateKey, syncKey: Buffer.from(syncKey) } };
}

export function openSyncKeys(keys: SyncKeys, vaultId: string, dbKey: Buffer): OpenSyncKeys {
  const wrap = wrapKey(dbKey, vaultId);
  const secret = open(wrap, keys.secretKey, aad(vaultId, keys.deviceId, 'device'));
  const syncKey = open(wrap, keys.syncKey, aad(vaultId, keys.deviceId, 'sync'));
  wrap.fill(0);
  if (!secret || !syncKey) throw new CodedError('vault.keyringDamaged');
  const privateKey = createPrivateKey({ key: secret, format: 'der', type: 'pkcs8' });
  secret.fill(0);
  return { deviceId: keys.deviceId, publicKey: keys.publicKey, privateKey, syncKey };
}

/** Key rotation: the same device and sync keys, sealed under the new database key. */
export function resealSyncKeys(keys: SyncKeys, vaultId: string, oldKey: Buffer, newKey: Buffer): SyncKeys {
  const from = wrapKey(oldKey, vaultId);
  const to = wrapKey(newKey, vaultId);
  try {
    const secret = open(from, keys.secretKey, aad(vaultId, keys.deviceId, 'device'));
    const syncKey = open(from, keys.syncKey, aad(vaultId, keys.deviceId, 'sync'));
    if (!secret || !syncKey) throw new CodedError('vault.keyringDamaged');
    const resealed = { ...keys, secretKey: seal(to, secret, aad(vaultId, keys.deviceId, 'device')), syncKey: seal(to, syncKey, aad(vaultId, keys.deviceId, 'sync')) };
    secret.fill(0);
    syncKey.fill(0);
    return resealed;
  } finally {
    from.fill(0);
    to.fill(0);
  }
}

export const publicKeyFrom = (x: string): KeyObject => createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });

// --- device registrations ---------------------------------------------------------------

export const DeviceCertSchema = z.object({
  deviceId: z.string().regex(/^[0-9A-F]{16}$/),
  publicKey: z.string().min(40).max(50),
  registeredBy: z.string().max(100),
  registeredAt: z.string().max(40),
  signedBy: z.string().regex(/^[0-9A-F]{16}$/),
  signature: z.string().max(200),
});
export type DeviceCert = z.infer<typeof DeviceCertSchema>;

const certText = (vaultId: string, c: Omit<DeviceCert, 'signature'>) =>
  `kalkan-device/v1|${vaultId}|${c.deviceId}|${c.publicKey}|${c.registeredBy}|${c.registeredAt}|${c.signedBy}`;

export function signCert(vaultId: string, body: Omit<DeviceCert, 'signature'>, signer: KeyObject): DeviceCert {
  return { ...body, signature: sign(null, Buffer.from(certText(vaultId, body)), signer).toString('base64') };
}

export function certValid(vaultId: string, cert: DeviceCert, signerPublicKey: string): boolean {
  try {
    return verify(null, Buffer.from(certText(vaultId, cert)), publicKeyFrom(signerPublicKey), Buffer.from(cert.signature, 'base64'));
  } catch {
    return false;
  }
}

export function knownDevices(db: Db): Map<string, DeviceCert> {
  const rows = db
    .prepare('SELECT device_id AS deviceId, public_key AS publicKey, registered_by AS registeredBy, registered_at AS registeredAt, signed_by AS signedBy, signature FROM sync_devices')
    .all() as DeviceCert[];
  return new Map(rows.map((r) => [r.deviceId, r]));
}

export function insertDevice(db: Db, c: DeviceCert): void {
  db.prepare(
    `INSERT OR IGNORE INTO sync_devices (device_id, public_key, registered_by, registered_at, signed_by, signature)
     VALUES (@deviceId, @publicKey, @registeredBy, @registeredAt, @signedBy, @signature)`,
  ).run(c);
}
