/**
 * Transfer of a case to another office (issue 17).
 *
 * Keys. Each office has a transfer key pair (X25519, for receiving) and a transfer signing key
 * (Ed25519, for sending). Both are made by an administrator (`kalkan office --transfer-key-out`);
 * the office authority (authority.ts) certifies their public parts. The private parts are sealed
 * (AES-256-GCM) under a key derived from the database key and kept in meta: a supervisor, who does
 * not hold the authority, must be able to send and receive. (Sealing them like the authority, for
 * administrators only, would make every transfer need an administrator.)
 *
 * File (.kcase). A JSON envelope: transfer id (random), sender's public keys and certificate,
 * receiver's fingerprint, an ephemeral X25519 public key, and the payload sealed with
 * AES-256-GCM under HKDF-SHA256(ECDH(ephemeral, receiver)), the header as associated data. The
 * sending office signs the whole envelope (Ed25519). Import checks, in order: signature and
 * certificate (`transfer.tampered`), receiver fingerprint (`transfer.wrongOffice`), decryption
 * (`transfer.tampered`), the transfer id not seen before (`transfer.replayed`).
 */
import { createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { CodedError } from '../../../shared/api/envelope';
import type { Db } from '../db/open';
import { open, seal } from '../vault/aead';
import { publicKeyFrom, type Authority } from '../vault/authority';

const META_KEY = 'transfer_keys';

export interface TransferKeys {
  boxPrivate: KeyObject;
  boxPublic: string;
  signPrivate: KeyObject;
  signPublic: string;
  /** The office authority's signature over the two public keys. */
  certificate: string;
  authorityKey: string;
}

const spki = (k: KeyObject): string => k.export({ type: 'spki', format: 'der' }).toString('base64');
const pkcs8 = (k: KeyObject): Buffer => k.export({ type: 'pkcs8', format: 'der' });
const fromSpki = (text: string, type: 'x25519' | 'ed25519'): KeyObject | null => {
  try {
    const key = createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === type ? key : null;
  } catch {
    return null;
  }
};

const wrapKey = (dbKey: Buffer): Buffer => Buffer.from(hkdfSync('sha256', dbKey, Buffer.alloc(0), 'kalkan/transfer-wrap/v1', 32));
const certText = (vaultId: string, boxPublic: string, signPublic: string): Buffer =>
  Buffer.from(JSON.stringify(['kalkan-transfer-key/v1', vaultId, boxPublic, signPublic]), 'utf8');

const StoredKeys = z.object({
  boxPublic: z.string(),
  signPublic: z.string(),
  certificate: z.string(),
  authorityKey: z.string(),
  sealed: z.object({ nonce: z.string(), ciphertext: z.string(), tag: z.string() }),
});

const getMeta = (db: Db, key: string): string | null => (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;

/** The office's transfer keys, or null when no administrator has made them yet. */
export function loadTransferKeys(db: Db, dbKey: Buffer, vaultId: string): TransferKeys | null {
  const text = getMeta(db, META_KEY);
  if (!text) return null;
  const stored = StoredKeys.parse(JSON.parse(text));
  const plain = open(wrapKey(dbKey), stored.sealed, `kalkan-transfer-keys/v1|${vaultId}`);
  if (!plain) throw new CodedError('transfer.keysDamaged');
  try {
    const { box, sig } = JSON.parse(plain.toString('utf8')) as { box: string; sig: string };
    return {
      boxPrivate: createPrivateKey({ key: Buffer.from(box, 'base64'), format: 'der', type: 'pkcs8' }),
      signPrivate: createPrivateKey({ key: Buffer.from(sig, 'base64'), format: 'der', type: 'pkcs8' }),
      boxPublic: stored.boxPublic,
      signPublic: stored.signPublic,
      certificate: stored.certificate,
      authorityKey: stored.authorityKey,
    };
  } finally {
    plain.fill(0);
  }
}

/** Makes the office's transfer keys if there are none (needs the authority: an administrator). */
export function ensureTransferKeys(db: Db, dbKey: Buffer, vaultId: string, authority: Authority | null): TransferKeys {
  const existing = loadTransferKeys(db, dbKey, vaultId);
  if (existing) return existing;
  if (!authority) throw new CodedError('auth.forbidden');
  const box = generateKeyPairSync('x25519');
  const sig = generateKeyPairSync('ed25519');
  const boxPublic = spki(box.publicKey);
  const signPublic = spki(sig.publicKey);
  const certificate = sign(null, certText(vaultId, boxPublic, signPublic), authority.privateKey).toString('base64');
  const secret = Buffer.from(JSON.stringify({ box: pkcs8(box.privateKey).toString('base64'), sig: pkcs8(sig.privateKey).toString('base64') }), 'utf8');
  const sealed = seal(wrapKey(dbKey), secret, `kalkan-transfer-keys/v1|${vaultId}`);
  secret.fill(0);
  const stored = { boxPublic, signPublic, certificate, authorityKey: authority.publicKeyText, sealed };
  db.transaction(() => db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(META_KEY, JSON.stringify(stored)))();
  return loadTransferKeys(db, dbKey, vaultId)!;
}

/** 24 hex digits of SHA-256 over the office's public keys, in groups of four, to read aloud. */
export function fingerprint(vaultId: string, authorityKey: string, boxPublic: string, signPublic: string): string {
  const hex = createHash('sha256').update(JSON.stringify(['kalkan-office-fp/v1', vaultId, authorityKey, boxPublic, signPublic])).digest('hex').slice(0, 24).toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

export const OfficeKeyFile = z.object({
  format: z.literal('kalkan-office-key/v1'),
  office: z.string(),
  vaultId: z.string(),
  transferKey: z.string(),
  signingKey: z.string(),
  transferSigningKey: z.string(),
  certificate: z.string(),
  fingerprint: z.string(),
});
export type OfficeKeyFile = z.infer<typeof OfficeKeyFile>;

export function officeKeyFile(keys: TransferKeys, vaultId: string, office: string): OfficeKeyFile {
  return {
    format: 'kalkan-office-key/v1',
    office,
    vaultId,
    transferKey: keys.boxPublic,
    signingKey: keys.authorityKey,
    transferSigningKey: keys.signPublic,
    certificate: keys.certificate,
    fingerprint: fingerprint(vaultId, keys.authorityKey, keys.boxPublic, keys.signPublic),
  };
}

/** A receiver's key file, checked: its certificate verifies under its authority and its fingerprint is its keys'. */
export function parseOfficeKeyFile(text: string): OfficeKeyFile {
  let parsed: OfficeKeyFile;
  try {
    parsed = OfficeKeyFile.parse(JSON.parse(text));
  } catch {
    throw new CodedError('transfer.keyFileInvalid');
  }
  if (!certified(parsed.vaultId, parsed.signingKey, parsed.transferKey, parsed.transferSigningKey, parsed.certificate)) throw new CodedError('transfer.keyFileInvalid');
  if (parsed.fingerprint !== fingerprint(parsed.vaultId, parsed.signingKey, parsed.transferKey, parsed.transferSigningKey)) throw new CodedError('transfer.keyFileInvalid');
  return parsed;
}

function certified(vaultId: string, authorityKey: string, boxPublic: string, signPublic: string, certificate: string): boolean {
  const authority = publicKeyFrom(authorityKey);
  if (!authority || !fromSpki(boxPublic, 'x25519') || !fromSpki(signPublic, 'ed25519')) return false;
  try {
    return verify(null, certText(vaultId, boxPublic, signPublic), authority, Buffer.from(certificate, 'base64'));
  } catch {
    return false;
  }
}

// --- the envelope ---------------------------------------------------------------------------

const Sender = z.object({ office: z.string(), vaultId: z.string(), signingKey: z.string(), transferKey: z.string(), transferSigningKey: z.string(), certificate: z.string(), fingerprint: z.string() });
const Header = z.object({
  format: z.literal('kalkan-case-transfer/v1'),
  transferId: z.string().uuid(),
  createdAt: z.string(),
  sender: Sender,
  receiver: z.object({ office: z.string(), fingerprint: z.string() }),
  epk: z.string(),
});
const Envelope = Header.extend({ payload: z.object({ nonce: z.string(), ciphertext: z.string(), tag: z.string() }), signature: z.string() });
export type TransferHeader = z.infer<typeof Header>;

const headerAad = (h: TransferHeader): string => JSON.stringify(['kalkan-case-transfer/v1', h.transferId, h.createdAt, h.sender, h.receiver, h.epk]);
const signedText = (e: Omit<z.infer<typeof Envelope>, 'signature'>): Buffer => Buffer.from(JSON.stringify([headerAad(e), e.payload]), 'utf8');
const payloadKey = (shared: Buffer, h: TransferHeader): Buffer =>
  Buffer.from(hkdfSync('sha256', shared, Buffer.from(h.transferId, 'utf8'), `kalkan-case-transfer/v1|${h.receiver.fingerprint}`, 32));

export function sealTransfer(payload: unknown, keys: TransferKeys, senderVaultId: string, senderOffice: string, receiver: OfficeKeyFile, now: Date): { text: string; transferId: string } {
  const eph = generateKeyPairSync('x25519');
  const sender = officeKeyFile(keys, senderVaultId, senderOffice);
  const header: TransferHeader = {
    format: 'kalkan-case-transfer/v1',
    transferId: randomUUID(),
    createdAt: now.toISOString(),
    sender: { office: sender.office, vaultId: sender.vaultId, signingKey: sender.signingKey, transferKey: sender.transferKey, transferSigningKey: sender.transferSigningKey, certificate: sender.certificate, fingerprint: sender.fingerprint },
    receiver: { office: receiver.office, fingerprint: receiver.fingerprint },
    epk: spki(eph.publicKey),
  };
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: fromSpki(receiver.transferKey, 'x25519')! });
  const key = payloadKey(shared, header);
  const plain = Buffer.from(JSON.stringify(payload), 'utf8');
  const sealed = seal(key, plain, headerAad(header));
  plain.fill(0);
  key.fill(0);
  shared.fill(0);
  const unsigned = { ...header, payload: sealed };
  const signature = sign(null, signedText(unsigned), keys.signPrivate).toString('base64');
  return { text: JSON.stringify({ ...unsigned, signature }), transferId: header.transferId };
}

/** Verifies and opens a transfer file for this office. */
export function openTransfer(text: string, keys: TransferKeys, ownVaultId: string): { header: TransferHeader; payload: unknown } {
  let envelope: z.infer<typeof Envelope>;
  try {
    envelope = Envelope.parse(JSON.parse(text));
  } catch {
    throw new CodedError('transfer.tampered');
  }
  const { signature, ...unsigned } = envelope;
  const s = envelope.sender;
  const signer = fromSpki(s.transferSigningKey, 'ed25519');
  let ok = false;
  try {
    ok = !!signer && verify(null, signedText(unsigned), signer, Buffer.from(signature, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok || !certified(s.vaultId, s.signingKey, s.transferKey, s.transferSigningKey, s.certificate)) throw new CodedError('transfer.tampered');
  if (s.fingerprint !== fingerprint(s.vaultId, s.signingKey, s.transferKey, s.transferSigningKey)) throw new CodedError('transfer.tampered');
  const own = fingerprint(ownVaultId, keys.authorityKey, keys.boxPublic, keys.signPublic);
  if (envelope.receiver.fingerprint !== own) throw new CodedError('transfer.wrongOffice');
  const epk = fromSpki(envelope.epk, 'x25519');
  if (!epk) throw new CodedError('transfer.tampered');
  const shared = diffieHellman({ privateKey: keys.boxPrivate, publicKey: epk });
  const key = payloadKey(shared, envelope);
  const plain = open(key, envelope.payload, headerAad(envelope));
  key.fill(0);
  shared.fill(0);
  if (!plain) throw new CodedError('transfer.tampered');
  try {
    return { header: Header.parse(unsigned), payload: JSON.parse(plain.toString('utf8')) };
  } finally {
    plain.fill(0);
  }
}
