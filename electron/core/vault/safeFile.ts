/**
 * How Kalkan writes files: owner-only (0600), temporary files created
 * exclusively under an unguessable name beside the target (O_CREAT|O_EXCL
 * never follows a planted file or link), written, fsynced and renamed into
 * place. A full disk becomes the coded error `disk.full`, so the user is told
 * what happened instead of "internal".
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CodedError } from '../../../shared/api/envelope';

export const OWNER_ONLY = 0o600;

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

/** True for the errors a full disk (or quota) gives; also recognises SQLite's SQLITE_FULL. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (DISK_FULL.has(code) || code === 'SQLITE_FULL');
}

/** Re-throws a full-disk error as `disk.full`; anything else unchanged. */
export function rethrowDiskFull(error: unknown): never {
  if (isDiskFull(error)) throw new CodedError('disk.full');
  throw error;
}

/** A fresh temporary name beside `target` (same folder, so the rename is atomic). */
export function tempPathBeside(target: string, tag = 'tmp'): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(12).toString('hex')}.${tag}`);
}

/**
 * Creates `path` exclusively, owner-only. Fails with EEXIST when anything (a
 * file, a link, even a dangling one) is already there: nothing is followed.
 */
export function createExclusive(path: string): number {
  return openSync(path, 'wx', OWNER_ONLY);
}

/** Makes an existing file owner-only (POSIX; on Windows the profile folder's ACL already is the user's). */
export function ownerOnly(...paths: string[]): void {
  if (process.platform === 'win32') return;
  for (const path of paths) {
    try {
      chmodSync(path, OWNER_ONLY);
    } catch {
      /* absent (e.g. no WAL yet) */
    }
  }
}

export interface AtomicWriteOptions {
  /** Replace an existing target (default: refuse with `exists`). */
  overwrite?: boolean;
  /** The CodedError thrown when the target exists and overwrite is off. */
  existsCode?: string;
}

/**
 * Writes through `write(fd)` into an exclusive temp file, fsyncs and renames it
 * onto `target`. On any failure the temp file is removed and the target untouched.
 */
export function writeAtomicWith(target: string, write: (fd: number) => void, options: AtomicWriteOptions = {}): void {
  if (!options.overwrite && existsSync(target)) throw new CodedError(options.existsCode ?? 'file.exists');
  const tmp = tempPathBeside(target);
  let fd: number;
  try {
    fd = createExclusive(tmp);
  } catch (error) {
    rethrowDiskFull(error);
  }
  try {
    try {
      write(fd);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (error) {
    rmSync(tmp, { force: true });
    rethrowDiskFull(error);
  }
}

export function writeAtomic(target: string, data: string | Buffer, options: AtomicWriteOptions = {}): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  writeAtomicWith(
    target,
    (fd) => {
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    },
    options,
  );
}

/** An empty owner-only file created exclusively (e.g. the target of SQLite's VACUUM INTO). */
export function reserveEmpty(path: string): void {
  try {
    closeSync(createExclusive(path));
  } catch (error) {
    rethrowDiskFull(error);
  }
}
