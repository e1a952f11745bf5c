/**
 * One workstation at a time. A lock file beside the database names who holds
 * it (user, host, pid, since); SQLite's exclusive locking mode is the second
 * fence. A lock left by a crashed process on this host (its pid is gone) is
 * reclaimed; a lock from another host is honoured unless its heartbeat is
 * older than STALE_AFTER_MS (that machine crashed or lost power).
 */
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync, utimesSync, writeSync, statSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { CodedError } from '../../../shared/api/envelope';
import { writeAtomic } from './safeFile';

export const lockPathFor = (dbPath: string): string => `${dbPath}.lock`;
export const HEARTBEAT_MS = 60_000;
export const STALE_AFTER_MS = 10 * 60_000;

export interface LockInfo {
  id: string;
  host: string;
  user: string;
  pid: number;
  since: string;
}

export interface HeldLock {
  readonly info: LockInfo;
  /** Record who signed in (shown to a second workstation). */
  setUser(user: string): void;
  heartbeat(): void;
  release(): void;
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '?';
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

function isStale(path: string, info: LockInfo | null, now: number): boolean {
  if (!info) return true; // unreadable or half-written by a crash
  if (info.host === hostname()) return !pidAlive(info.pid);
  try {
    return now - statSync(path).mtimeMs > STALE_AFTER_MS;
  } catch {
    return true;
  }
}

function writeNew(path: string, info: LockInfo): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, JSON.stringify(info));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

export function acquireLock(dbPath: string, now: number = Date.now()): HeldLock {
  const path = lockPathFor(dbPath);
  let info: LockInfo = { id: randomUUID(), host: hostname(), user: osUser(), pid: process.pid, since: new Date(now).toISOString() };

  if (!writeNew(path, info)) {
    const current = readLock(path);
    if (!isStale(path, current, now)) {
      throw new CodedError('vault.inUse', {
        user: current?.user ?? '?',
        host: current?.host ?? '?',
        since: current?.since ?? '?',
      });
    }
    // Reclaim: move the stale lock aside atomically, then create ours exclusively,
    // so two processes reclaiming at once cannot both win.
    const aside = `${path}.stale-${randomUUID()}`;
    try {
      renameSync(path, aside);
      rmSync(aside, { force: true });
    } catch {
      /* someone else reclaimed it first; the exclusive create below decides */
    }
    if (!writeNew(path, info)) {
      const winner = readLock(path);
      throw new CodedError('vault.inUse', { user: winner?.user ?? '?', host: winner?.host ?? '?', since: winner?.since ?? '?' });
    }
  }

  let released = false;
  const stillOurs = () => readLock(path)?.id === info.id;
  return {
    get info() {
      return info;
    },
    setUser(user) {
      if (released || !stillOurs()) return;
      info = { ...info, user };
      writeAtomic(path, JSON.stringify(info), { overwrite: true });
    },
    heartbeat() {
      if (released) return;
      const t = new Date();
      try {
        utimesSync(path, t, t);
      } catch {
        /* the lock file vanished; the next open will notice */
      }
    },
    release() {
      if (released) return;
      released = true;
      if (stillOurs()) rmSync(path, { force: true });
    },
  };
}
