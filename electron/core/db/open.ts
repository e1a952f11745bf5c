/**
 * Opens the SQLCipher-compatible encrypted database. The whole file, its WAL
 * and journal are encrypted with the raw 256-bit key; nothing is readable
 * without it. Errors become codes: a wrong key and a foreign or damaged file
 * look the same to SQLite (SQLITE_NOTADB), so the caller decides which one it
 * is from what it already knows (the keyring unwrapped, so the key is right).
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { CodedError } from '../../../shared/api/envelope';
import { localDay } from '../../../shared/time/localDays';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create the file if missing (set-up, restore into a new file). */
  create?: boolean;
  readonly?: boolean;
  /** Path of the native addon built for the host's ABI (Electron); Node uses the default. */
  nativeBinding?: string;
  /** Hold the file exclusively while open (the second fence besides the lock file). */
  exclusive?: boolean;
  /** The clock behind `kalkan_today()` (default: the system clock). */
  now?: () => Date;
}

const SQLITE_NOT_A_DB = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN']);

export function applyKey(db: Db, key: Buffer): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  // The raw key goes in as a hex blob literal; hex digits cannot break the quoting.
  db.pragma(`key="x'${key.toString('hex')}'"`);
}

export function openEncrypted(path: string, key: Buffer, options: OpenOptions = {}): Db {
  let db: Db | undefined;
  try {
    db = new Database(path, {
      fileMustExist: !options.create,
      readonly: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    applyKey(db, key);
    // Touch the schema: with a wrong key or a foreign file this is where SQLite says NOTADB.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (!options.readonly) {
      if (options.exclusive !== false) db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      // FULL: a committed transaction survives a power cut, not only a crash.
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    // Every page read from disk is decrypted; a 64 MiB page cache (the default here is 16 MB) keeps the
    // hot part of ten years of cases (case rows, list indexes, FTS roots) decrypted: case lists and
    // search at 100 000 cases run several times faster (test/bench/cases.bench.ts).
    db.pragma('cache_size = -65536');
    db.pragma('trusted_schema = OFF');
    // Today on the workstation's calendar (local YYYY-MM-DD), for conditions on local days such as an
    // active colleague cover (cases/access.ts). Used in queries only, never in the schema.
    const now = options.now ?? (() => new Date());
    db.function('kalkan_today', { deterministic: false }, () => localDay(now()));
    return db;
  } catch (error) {
    db?.close();
    const code = (error as { code?: string }).code ?? '';
    if (SQLITE_NOT_A_DB.has(code)) throw new CodedError('vault.damaged');
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new CodedError('vault.inUse', { user: '?', host: '?', since: '?' });
    if (error instanceof CodedError) throw error;
    throw error;
  }
}

/** `PRAGMA integrity_check` → true when the file is sound. */
export function integrityOk(db: Db): boolean {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.length === 1 && rows[0]!.integrity_check === 'ok';
}

/** `PRAGMA quick_check`: every page read (and, encrypted, authenticated) and every b-tree sound, without matching each index to its table. */
export function quickCheckOk(db: Db): boolean {
  const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
  return rows.length === 1 && rows[0]!.quick_check === 'ok';
}
