/**
 * Encrypted backups: a consistent copy of the database (its encrypted file copied
 * as it is on disk from a checkpointed snapshot, or else made with VACUUM INTO,
 * which keeps the cipher and key), bundled with the keyring, and sealed with an
 * HMAC so any change to the file is detected before a restore.
 *
 * File layout: "KALKANBK" · version (1 byte) · header length (uint32 BE) ·
 * header JSON · database bytes. The header carries the SHA-256 of the
 * database bytes; the MAC covers the header, keyed from the database key.
 */
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { CodedError } from '../../../shared/api/envelope';
import { readDbBytes } from './dbFileBytes';
import { parseKeyring, type KeyringData } from './keyring';
import { createExclusive, rethrowDiskFull, writeAtomicWith } from './safeFile';

const MAGIC = Buffer.from('KALKANBK');
const VERSION = 1;
const CHUNK = 1024 * 1024;

const HeaderSchema = z.object({
  format: z.literal('kalkan-backup'),
  createdAt: z.string(),
  vaultId: z.string(),
  officeName: z.string(),
  schemaVersion: z.number().int(),
  dbBytes: z.number().int().nonnegative(),
  dbSha256: z.string().regex(/^[0-9a-f]{64}$/),
  keyring: z.unknown(),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupHeader = Omit<z.infer<typeof HeaderSchema>, 'keyring'> & { keyring: KeyringData };

export const BACKUP_EXTENSION = '.kbak';

const macKey = (dbKey: Buffer): Buffer => Buffer.from(hkdfSync('sha256', dbKey, Buffer.alloc(0), 'kalkan/backup-mac/v1', 32));

function macOf(dbKey: Buffer, header: Omit<BackupHeader, 'mac'>): string {
  const { format, createdAt, vaultId, officeName, schemaVersion, dbBytes, dbSha256, keyring } = header;
  const canonical = JSON.stringify([format, createdAt, vaultId, officeName, schemaVersion, dbBytes, dbSha256, keyring]);
  return createHmac('sha256', macKey(dbKey)).update(canonical).digest('hex');
}

/**
 * Writes the bundle straight from the (encrypted) database file, in one pass: the bytes are
 * copied as they are on disk (no decrypt and re-encrypt) and hashed on the way; the header,
 * whose length does not depend on the hash and MAC (fixed-length hex), is written last in
 * front of them. The caller keeps `dbPath` unchanged meanwhile (a checkpointed WAL and a
 * read transaction, or a private copy). Atomic: an exclusive temp file beside the target,
 * renamed into place, so a planted link is never followed.
 */
export function writeBackupFromDatabase(
  outPath: string,
  dbPath: string,
  info: { vaultId: string; officeName: string; schemaVersion: number; keyring: KeyringData; dbKey: Buffer },
  progress?: (done: number, total: number) => void,
): BackupHeader {
  const input = openSync(dbPath, 'r');
  try {
    const dbBytes = fstatSync(input).size;
    const draft = {
      format: 'kalkan-backup' as const,
      createdAt: new Date().toISOString(),
      vaultId: info.vaultId,
      officeName: info.officeName,
      schemaVersion: info.schemaVersion,
      dbBytes,
      dbSha256: '0'.repeat(64),
      keyring: info.keyring,
    };
    const headerLength = Buffer.byteLength(JSON.stringify({ ...draft, mac: '0'.repeat(64) }), 'utf8');
    const prefix = Buffer.alloc(MAGIC.length + 1 + 4);
    MAGIC.copy(prefix, 0);
    prefix.writeUInt8(VERSION, MAGIC.length);
    prefix.writeUInt32BE(headerLength, MAGIC.length + 1);
    let header: BackupHeader | null = null;
    writeAtomicWith(
      outPath,
      (out) => {
        const hash = createHash('sha256');
        const buffer = Buffer.allocUnsafe(CHUNK);
        let position = 0;
        let at = prefix.length + headerLength;
        while (position < dbBytes) {
          // Around SQLite's lock bytes (dbFileBytes.ts): Windows refuses to read them while the core holds the file.
          const n = readDbBytes(input, buffer, Math.min(CHUNK, dbBytes - position), position);
          if (n === 0) throw new CodedError('backup.damaged'); // the file shrank under us
          hash.update(buffer.subarray(0, n));
          for (let written = 0; written < n; ) written += writeSync(out, buffer, written, n - written, at + written);
          position += n;
          at += n;
          progress?.(position, dbBytes);
        }
        const unsigned = { ...draft, dbSha256: hash.digest('hex') };
        header = { ...unsigned, mac: macOf(info.dbKey, unsigned) };
        const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
        if (headerBytes.length !== headerLength) throw new Error('backup header length');
        const head = Buffer.concat([prefix, headerBytes]);
        for (let written = 0; written < head.length; ) written += writeSync(out, head, written, head.length - written, written);
      },
      { existsCode: 'backup.targetExists' },
    );
    return header!;
  } finally {
    closeSync(input);
  }
}

/** Reads and structurally checks the header (no key needed); the database bytes follow at `offset`. */
export function readBackupHeader(path: string): { header: BackupHeader; offset: number } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new CodedError('backup.unreadable');
  }
  try {
    const prefix = Buffer.alloc(MAGIC.length + 1 + 4);
    if (readSync(fd, prefix, 0, prefix.length, 0) !== prefix.length || !prefix.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new CodedError('backup.notBackup');
    }
    if (prefix.readUInt8(MAGIC.length) !== VERSION) throw new CodedError('backup.unsupportedVersion');
    const length = prefix.readUInt32BE(MAGIC.length + 1);
    if (length > 16 * 1024 * 1024) throw new CodedError('backup.damaged');
    const headerBytes = Buffer.alloc(length);
    if (readSync(fd, headerBytes, 0, length, prefix.length) !== length) throw new CodedError('backup.damaged');
    let json: unknown;
    try {
      json = JSON.parse(headerBytes.toString('utf8'));
    } catch {
      throw new CodedError('backup.damaged');
    }
    const parsed = HeaderSchema.safeParse(json);
    if (!parsed.success) throw new CodedError('backup.damaged');
    let keyring: KeyringData;
    try {
      keyring = parseKeyring(JSON.stringify(parsed.data.keyring));
    } catch {
      throw new CodedError('backup.damaged');
    }
    const offset = prefix.length + length;
    if (statSync(path).size !== offset + parsed.data.dbBytes) throw new CodedError('backup.damaged');
    return { header: { ...parsed.data, keyring }, offset };
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks the MAC (with the database key) and the database bytes' hash, and
 * writes those bytes to `extractTo`. Any alteration → backup.damaged.
 */
export function verifyAndExtract(
  path: string,
  dbKey: Buffer,
  extractTo: string | null,
  progress?: (done: number, total: number) => void,
): BackupHeader {
  const { header, offset } = readBackupHeader(path);
  const { mac, ...unsigned } = header;
  const expected = Buffer.from(macOf(dbKey, unsigned), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(mac, 'hex'))) throw new CodedError('backup.damaged');

  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  let out: number | null = null;
  try {
    out = extractTo ? createExclusive(extractTo) : null;
  } catch (error) {
    closeSync(fd);
    rethrowDiskFull(error);
  }
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let position = offset;
    let done = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, position);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
      if (out !== null) writeSync(out, buffer, 0, n);
      position += n;
      done += n;
      progress?.(done, header.dbBytes);
    }
    if (out !== null) fsyncSync(out);
  } catch (error) {
    if (extractTo) rmSync(extractTo, { force: true });
    rethrowDiskFull(error);
  } finally {
    closeSync(fd);
    if (out !== null) closeSync(out);
  }
  if (hash.digest('hex') !== header.dbSha256) {
    if (extractTo) rmSync(extractTo, { force: true });
    throw new CodedError('backup.damaged');
  }
  return header;
}
