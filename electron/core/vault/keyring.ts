/**
 * The keyring file beside the database: the database key wrapped once per
 * user (password → scrypt → AES-256-GCM). It holds no case data and no user
 * names: an entry is found by an HMAC tag of the folded user name.
 *
 * Changing a password rewraps one entry; nothing is re-encrypted. The file is
 * replaced atomically (write, fsync, rename) so a power cut leaves either the
 * old or the new keyring, never half of one.
 */
import { createPrivateKey, createPublicKey, createHmac, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CodedError } from '../../../shared/api/envelope';
import { fold } from '../../../shared/text/turkish';
import { SyncKeysSchema } from '../sync/keys';
import { open, seal } from './aead';
import { deriveKey, type ScryptParams } from './kdf';
import { writeAtomic } from './safeFile';
import { sealAuthority, signEntry, unsealAuthority, type Authority } from './authority';
import type { AuditKey } from '../audit/auditSigning';

const SealedSchema = z.object({ nonce: z.string(), ciphertext: z.string(), tag: z.string() });
const EntrySchema = z.object({
  id: z.string(),
  userTag: z.string(),
  kdf: z.object({ alg: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int() }),
  salt: z.string(),
  /** Entries written before key rotation existed: the database key sealed under the password. */
  sealed: SealedSchema.optional(),
  /**
   * The user's X25519 key pair: the private key sealed under the password. A new pair with
   * every new password, so an old password's copy of the entry opens nothing after rotation.
   */
  box: z.object({ publicKey: z.string(), secret: SealedSchema }).optional(),
  /** The database key (and, administrators, the office authority) sealed to `box.publicKey`: rotation rewrites only this. */
  boxed: z.object({ epk: z.string(), key: SealedSchema, authority: SealedSchema.optional() }).optional(),
  createdAt: z.string(),
  /** The office authority's signature of (vault id, user tag): see authority.ts. */
  sig: z.string().optional(),
  /** Administrators only: the authority's private key, sealed under the same password. */
  authority: SealedSchema.optional(),
  /**
   * The user's audit signing key (audit/auditSigning.ts): its id in `audit_keys` and the Ed25519
   * private key sealed under the password, so only her own session can sign rows in her name.
   * Kept when she changes her password; rotation leaves it as it is.
   */
  signer: z.object({ keyId: z.string(), secret: SealedSchema }).optional(),
});
const KeyringSchema = z.object({
  format: z.literal('kalkan-keyring'),
  version: z.literal(1),
  vaultId: z.string().uuid(),
  /** Shown on the sign-in screen before anything is decrypted; not case data. */
  officeName: z.string().max(200),
  entries: z.array(EntrySchema),
  /** This workstation's sync keys (electron/core/sync/keys.ts), once it syncs. */
  sync: SyncKeysSchema.optional(),
  /** The pinned public key of the office authority, and its private key under the recovery key. */
  authority: z.object({ publicKey: z.string(), recovery: SealedSchema.optional() }).optional(),
  /** The audit chain's head outside the database (audit/anchor.ts). */
  audit: z
    .object({
      latest: z.object({ seq: z.number().int(), hash: z.string(), at: z.string(), mac: z.string() }).optional(),
      signed: z.object({ seq: z.number().int(), hash: z.string(), at: z.string(), sig: z.string() }).optional(),
    })
    .optional(),
});

export type KeyringEntry = z.infer<typeof EntrySchema>;
export type KeyringData = z.infer<typeof KeyringSchema>;

export const keyringPathFor = (dbPath: string): string => `${dbPath}.keyring`;

export function userTag(vaultId: string, username: string): string {
  return createHmac('sha256', vaultId).update(fold(username)).digest('hex').slice(0, 32);
}

const aad = (vaultId: string, entry: Pick<KeyringEntry, 'id' | 'userTag'>): string =>
  `kalkan-keyring/v1|${vaultId}|${entry.id}|${entry.userTag}`;

export function newKeyring(officeName: string, vaultId: string = randomUUID()): KeyringData {
  return { format: 'kalkan-keyring', version: 1, vaultId, officeName, entries: [] };
}

/**
 * scrypt parameters a Kalkan keyring can hold: N a power of two from 2^10 to 2^20, r 1–32,
 * p 1–16, at most 1 GiB of memory. Anything else was written by hand (a planted keyring
 * that would make every sign-in hang or crash) and is refused before deriving.
 */
export function kdfPossible(kdf: { N: number; r: number; p: number }): boolean {
  const { N, r, p } = kdf;
  const powerOfTwo = Number.isInteger(N) && N >= 2 ** 10 && N <= 2 ** 20 && (N & (N - 1)) === 0;
  return powerOfTwo && r >= 1 && r <= 32 && p >= 1 && p <= 16 && 128 * N * r <= 2 ** 30;
}

export function parseKeyring(text: string): KeyringData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CodedError('vault.keyringDamaged');
  }
  const parsed = KeyringSchema.safeParse(json);
  if (!parsed.success) throw new CodedError('vault.keyringDamaged');
  if (!parsed.data.entries.every((e) => kdfPossible(e.kdf))) throw new CodedError('vault.keyringKdfInvalid');
  return parsed.data;
}

export function readKeyring(path: string): KeyringData {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CodedError('vault.keyringMissing');
    throw new CodedError('vault.keyringDamaged');
  }
  return parseKeyring(text);
}

export function writeKeyring(path: string, keyring: KeyringData): void {
  writeAtomic(path, JSON.stringify(keyring, null, 2), { overwrite: true });
}

export interface WrapOptions {
  /** Signs the entry's identity with this authority; without it an existing entry's signature is kept. */
  signWith?: Authority | null;
  /** Seals this authority's private key into the entry (administrators). */
  sealAuthority?: Authority | null;
  /** Seals the user's audit signing key into the entry (under the password). */
  auditKey?: AuditKey | null;
}

/** Adds (or replaces) the entry for a user: the database key sealed under their password. */
export async function wrapForUser(
  keyring: KeyringData,
  username: string,
  password: string,
  dbKey: Buffer,
  kdf: ScryptParams,
  options: WrapOptions = {},
): Promise<KeyringData> {
  const tag = userTag(keyring.vaultId, username);
  const salt = randomBytes(16);
  const wrappingKey = await deriveKey(password, salt, kdf);
  const base = { id: randomUUID(), userTag: tag };
  const previous = keyring.entries.find((e) => e.userTag === tag);
  const sig = options.signWith ? signEntry(options.signWith, keyring.vaultId, tag) : previous?.sig;
  const pair = generateKeyPairSync('x25519');
  const der = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
  const box = { publicKey: x25519Text(pair.publicKey), secret: seal(wrappingKey, der, `${aad(keyring.vaultId, base)}|box`) };
  der.fill(0);
  const signer = options.auditKey ? sealSigner(wrappingKey, keyring.vaultId, base, options.auditKey) : undefined;
  wrappingKey.fill(0);
  const entry: KeyringEntry = {
    ...base,
    kdf,
    salt: salt.toString('base64'),
    box,
    boxed: boxFor(keyring.vaultId, base, box.publicKey, dbKey, options.sealAuthority ?? null),
    createdAt: new Date().toISOString(),
    ...(sig ? { sig } : {}),
    ...(signer ? { signer } : {}),
  };
  return { ...keyring, entries: [...keyring.entries.filter((e) => e.userTag !== tag), entry] };
}

function sealSigner(wrappingKey: Buffer, vaultId: string, entry: Pick<KeyringEntry, 'id' | 'userTag'>, key: AuditKey): NonNullable<KeyringEntry['signer']> {
  const der = key.privateKey.export({ type: 'pkcs8', format: 'der' });
  try {
    return { keyId: key.keyId, secret: seal(wrappingKey, der, `${aad(vaultId, entry)}|signer|${key.keyId}`) };
  } finally {
    der.fill(0);
  }
}

function openSigner(wrappingKey: Buffer, vaultId: string, entry: KeyringEntry): AuditKey | null {
  if (!entry.signer) return null;
  const der = open(wrappingKey, entry.signer.secret, `${aad(vaultId, entry)}|signer|${entry.signer.keyId}`);
  if (!der) return null;
  try {
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    return privateKey.asymmetricKeyType === 'ed25519' ? { keyId: entry.signer.keyId, privateKey } : null;
  } catch {
    return null;
  } finally {
    der.fill(0);
  }
}

const x25519Text = (key: KeyObject): string => key.export({ type: 'spki', format: 'der' }).toString('base64');
const x25519From = (text: string): KeyObject => createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });

function boxKey(shared: Buffer, epk: string): Buffer {
  const key = Buffer.from(hkdfSync('sha256', shared, Buffer.from(epk, 'utf8'), 'kalkan-keyring-box/v1', 32));
  shared.fill(0);
  return key;
}

/** The database key (and the authority) sealed to an entry's X25519 public key, with a fresh ephemeral key. */
function boxFor(
  vaultId: string,
  entry: Pick<KeyringEntry, 'id' | 'userTag'>,
  publicKey: string,
  dbKey: Buffer,
  authority: Authority | null,
): NonNullable<KeyringEntry['boxed']> {
  const eph = generateKeyPairSync('x25519');
  const epk = x25519Text(eph.publicKey);
  const key = boxKey(diffieHellman({ privateKey: eph.privateKey, publicKey: x25519From(publicKey) }), epk);
  const boxed = {
    epk,
    key: seal(key, dbKey, `${aad(vaultId, entry)}|boxed`),
    ...(authority ? { authority: sealAuthority(key, authority, `${aad(vaultId, entry)}|boxed`) } : {}),
  };
  key.fill(0);
  return boxed;
}

/**
 * Key rotation: every entry that has a key pair gets the new database key (and administrators
 * the authority) sealed to it; no password is needed. Entries of users not in `keep` (disabled,
 * unknown) and entries without a key pair (written before rotation existed; their user signs in
 * once, or gets a new password) are left out. Every kept entry is signed again.
 */
export function rewrapForRotation(
  keyring: KeyringData,
  dbKey: Buffer,
  keep: ReadonlyMap<string, { admin: boolean }>,
  authority: Authority,
): { keyring: KeyringData; rewrapped: string[]; dropped: string[] } {
  const rewrapped: string[] = [];
  const dropped: string[] = [];
  const entries: KeyringEntry[] = [];
  for (const entry of keyring.entries) {
    const user = keep.get(entry.userTag);
    if (!user || !entry.box) {
      dropped.push(entry.userTag);
      continue;
    }
    // Nothing sealed under the password remains but the key pair: the old database key is gone.
    const { sealed: _sealed, authority: _authority, ...rest } = entry;
    entries.push({
      ...rest,
      boxed: boxFor(keyring.vaultId, entry, entry.box.publicKey, dbKey, user.admin ? authority : null),
      sig: signEntry(authority, keyring.vaultId, entry.userTag),
    });
    rewrapped.push(entry.userTag);
  }
  return { keyring: { ...keyring, entries }, rewrapped, dropped };
}

export function removeUser(keyring: KeyringData, username: string): KeyringData {
  const tag = userTag(keyring.vaultId, username);
  return { ...keyring, entries: keyring.entries.filter((e) => e.userTag !== tag) };
}

export function hasUser(keyring: KeyringData, username: string): boolean {
  const tag = userTag(keyring.vaultId, username);
  return keyring.entries.some((e) => e.userTag === tag);
}

/**
 * The database key for this user and password, or a CodedError. An unknown
 * user and a wrong password give the same code, so the sign-in screen does not
 * reveal which user names exist.
 */
export async function unwrapForUser(keyring: KeyringData, username: string, password: string): Promise<Buffer> {
  return (await unwrapEntry(keyring, username, password)).key;
}

/** As unwrapForUser, with the entry and (administrators) the authority sealed in it. */
export async function unwrapEntry(
  keyring: KeyringData,
  username: string,
  password: string,
): Promise<{ key: Buffer; entry: KeyringEntry; authority: Authority | null; signer: AuditKey | null }> {
  const tag = userTag(keyring.vaultId, username);
  const entry = keyring.entries.find((e) => e.userTag === tag);
  // Derive even for an unknown user so timing does not tell whether the name exists.
  const kdf = entry?.kdf ?? keyring.entries[0]?.kdf ?? { alg: 'scrypt' as const, N: 2 ** 17, r: 8, p: 1 };
  const salt = entry ? Buffer.from(entry.salt, 'base64') : randomBytes(16);
  const wrappingKey = await deriveKey(password, salt, kdf);
  let key: Buffer | null = null;
  let authority: Authority | null = null;
  if (entry?.box && entry.boxed) {
    const der = open(wrappingKey, entry.box.secret, `${aad(keyring.vaultId, entry)}|box`);
    if (der) {
      try {
        const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
        const shared = boxKey(diffieHellman({ privateKey, publicKey: x25519From(entry.boxed.epk) }), entry.boxed.epk);
        key = open(shared, entry.boxed.key, `${aad(keyring.vaultId, entry)}|boxed`);
        authority = key && entry.boxed.authority ? unsealAuthority(shared, entry.boxed.authority, `${aad(keyring.vaultId, entry)}|boxed`) : null;
        shared.fill(0);
      } catch {
        key = null;
      } finally {
        der.fill(0);
      }
    }
  } else if (entry?.sealed) {
    key = open(wrappingKey, entry.sealed, aad(keyring.vaultId, entry));
    authority = entry && key && entry.authority ? unsealAuthority(wrappingKey, entry.authority, aad(keyring.vaultId, entry)) : null;
  }
  const signer = key && entry ? openSigner(wrappingKey, keyring.vaultId, entry) : null;
  wrappingKey.fill(0);
  if (!key || !entry) throw new CodedError('vault.wrongPassword');
  return { key, entry, authority, signer };
}
