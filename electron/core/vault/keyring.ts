/**
 * The keyring file beside the database: the database key wrapped once per
 * user (password → scrypt → AES-256-GCM). It holds no case data and no user
 * names: an entry is found by an HMAC tag of the folded user name.
 *
 * Changing a password rewraps one entry; nothing is re-encrypted. The file is
 * replaced atomically (write, fsync, rename) so a power cut leaves either the
 * old or the new keyring, never half of one.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CodedError } from '../../../shared/api/envelope';
import { fold } from '../../../shared/text/turkish';
import { SyncKeysSchema } from '../sync/keys';
import { open, seal } from './aead';
import { deriveKey, type ScryptParams } from './kdf';
import { writeAtomic } from './safeFile';

const SealedSchema = z.object({ nonce: z.string(), ciphertext: z.string(), tag: z.string() });
const EntrySchema = z.object({
  id: z.string(),
  userTag: z.string(),
  kdf: z.object({ alg: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int() }),
  salt: z.string(),
  sealed: SealedSchema,
  createdAt: z.string(),
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

/** Adds (or replaces) the entry for a user: the database key sealed under their password. */
export async function wrapForUser(
  keyring: KeyringData,
  username: string,
  password: string,
  dbKey: Buffer,
  kdf: ScryptParams,
): Promise<KeyringData> {
  const tag = userTag(keyring.vaultId, username);
  const salt = randomBytes(16);
  const wrappingKey = await deriveKey(password, salt, kdf);
  const base = { id: randomUUID(), userTag: tag };
  const entry: KeyringEntry = {
    ...base,
    kdf,
    salt: salt.toString('base64'),
    sealed: seal(wrappingKey, dbKey, aad(keyring.vaultId, base)),
    createdAt: new Date().toISOString(),
  };
  wrappingKey.fill(0);
  return { ...keyring, entries: [...keyring.entries.filter((e) => e.userTag !== tag), entry] };
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
  const tag = userTag(keyring.vaultId, username);
  const entry = keyring.entries.find((e) => e.userTag === tag);
  // Derive even for an unknown user so timing does not tell whether the name exists.
  const kdf = entry?.kdf ?? keyring.entries[0]?.kdf ?? { alg: 'scrypt' as const, N: 2 ** 17, r: 8, p: 1 };
  const salt = entry ? Buffer.from(entry.salt, 'base64') : randomBytes(16);
  const wrappingKey = await deriveKey(password, salt, kdf);
  const key = entry ? open(wrappingKey, entry.sealed, aad(keyring.vaultId, entry)) : null;
  wrappingKey.fill(0);
  if (!key) throw new CodedError('vault.wrongPassword');
  return key;
}
