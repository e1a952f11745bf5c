/**
 * The database file's own bytes, read while the core's connection holds it
 * (a backup, the statistics copy, the copy before a migration).
 *
 * SQLite locks byte ranges just past 1 GiB (PENDING_BYTE, RESERVED_BYTE and
 * 510 shared-lock bytes). On Windows those locks are enforced on every other
 * file handle's reads, even in the same process, so a plain copy of a vault
 * over 1 GiB (about 60 000 cases) fails there while the core has it open.
 * SQLite never writes that page (the lock-byte page stays zeros in the file),
 * so those bytes are not read but given as zeros: the copy is the same file on
 * every platform, and Linux tests exercise the Windows path.
 */
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { createExclusive } from './safeFile';

export const PENDING_BYTE = 0x40000000;
/** PENDING_BYTE, RESERVED_BYTE and the shared-lock range after them. */
export const LOCK_BYTES = 512;
const COPY_CHUNK = 8 * 1024 * 1024;

function readFully(fd: number, buffer: Buffer, offset: number, length: number, position: number): number {
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buffer, offset + got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/**
 * Reads `length` bytes at `position` into `buffer` (from 0) without touching
 * the lock bytes, which come back as zeros. `length` must not run past the
 * end of the file. `lockStart` is for tests only (a small file with the range
 * inside it).
 */
export function readDbBytes(fd: number, buffer: Buffer, length: number, position: number, lockStart = PENDING_BYTE): number {
  const end = position + length;
  const lockEnd = lockStart + LOCK_BYTES;
  if (end <= lockStart || position >= lockEnd) return readFully(fd, buffer, 0, length, position);
  if (position < lockStart) {
    const before = lockStart - position;
    const n = readFully(fd, buffer, 0, before, position);
    if (n < before) return n;
  }
  const zeroTo = Math.min(end, lockEnd);
  buffer.fill(0, Math.max(position, lockStart) - position, zeroTo - position);
  if (end <= lockEnd) return length;
  return lockEnd - position + readFully(fd, buffer, lockEnd - position, end - lockEnd, lockEnd);
}

export interface CopyOptions {
  /** Flush the copy to disk before returning (a copy that must survive a power cut). */
  durable?: boolean;
  /** Tests only: where the lock bytes are. */
  lockStart?: number;
}

/**
 * Copies the database file into a new file (created exclusively, owner-only).
 * A chunk at a time: as fast as the kernel's copy here (1.8 GB in about
 * 1.5 s), and it reads around the lock bytes.
 */
export function copyDbFile(source: string, target: string, options: CopyOptions = {}): void {
  const lockStart = options.lockStart ?? PENDING_BYTE;
  const input = openSync(source, 'r');
  try {
    const output = createExclusive(target);
    try {
      const size = fstatSync(input).size;
      const buffer = Buffer.allocUnsafe(Math.min(COPY_CHUNK, Math.max(size, 1)));
      for (let position = 0; position < size; ) {
        const n = readDbBytes(input, buffer, Math.min(buffer.length, size - position), position, lockStart);
        if (n === 0) break; // the file shrank under us: the copy's check will say it is damaged
        for (let written = 0; written < n; ) written += writeSync(output, buffer, written, n - written, position + written);
        position += n;
      }
      if (options.durable) fsyncSync(output);
    } finally {
      closeSync(output);
    }
  } finally {
    closeSync(input);
  }
}
