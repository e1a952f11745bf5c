/**
 * The recovery key is the vault's master secret: 32 random bytes from which the
 * database key is derived (HKDF). It is shown once at set-up and printed for the
 * office safe. Because the database key derives from it, the recovery key opens
 * the database even when the keyring file is lost or damaged.
 *
 * Written as Crockford base32 with a 2-byte checksum, in groups of five, so a
 * typo is caught as a typo rather than as "wrong key".
 */
import { createHash, hkdfSync, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SECRET_BYTES = 32;

function toBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    const index = ALPHABET.indexOf(ch);
    if (index === -1) return null;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

const checksum = (secret: Buffer): Buffer => createHash('sha256').update(secret).digest().subarray(0, 2);

export function newRecoverySecret(): Buffer {
  return randomBytes(SECRET_BYTES);
}

export function formatRecoveryKey(secret: Buffer): string {
  const text = toBase32(Buffer.concat([secret, checksum(secret)]));
  return text.match(/.{1,5}/g)!.join('-');
}

/** Accepts any case, spaces or dashes, and the usual look-alikes (O→0, I/L→1). */
export function parseRecoveryKey(input: string): Buffer | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const bytes = fromBase32(cleaned);
  if (!bytes || bytes.length < SECRET_BYTES + 2) return null;
  const secret = bytes.subarray(0, SECRET_BYTES);
  return checksum(secret).equals(bytes.subarray(SECRET_BYTES, SECRET_BYTES + 2)) ? Buffer.from(secret) : null;
}

/** The SQLCipher raw key of the database. */
export function databaseKeyFrom(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'kalkan/database-key/v1', 32));
}
