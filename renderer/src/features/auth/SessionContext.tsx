/**
 * Who is signed in, and the phase of the app: set-up, sign-in, or ready.
 * Everything that shows case data lives under the 'ready' phase, so a lock
 * (idle, sleep, screen lock, sign-out) unmounts it and drops every piece of
 * case data the renderer held.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionInfo } from '../../../../shared/api/schemas/auth';
import type { Permission } from '../../../../shared/auth/permissions';
import { useLocation } from 'react-router';
import { call, onAuthLost, subscribe } from '../../api/client';
import { flushDrafts } from '../drafts/unsaved';

export type LockNotice = 'idle' | 'sleep' | 'screen' | 'user' | 'expired' | null;

export type Phase =
  | { kind: 'loading' }
  | { kind: 'unreachable' }
  | { kind: 'setup' }
  | { kind: 'signIn'; officeName: string | null; notice: LockNotice }
  /** `entry`: 'signIn' after a sign-in (the app chooses the first page), 'reload' when the app found the session open. */
  | { kind: 'ready'; session: SessionInfo; officeName: string | null; entry: 'signIn' | 'reload' };

interface SessionApi {
  phase: Phase;
  /** After set-up or sign-in: move to the signed-in app. */
  signedIn(session: SessionInfo): void;
  signOut(): Promise<void>;
  refresh(entry?: 'signIn' | 'reload'): Promise<void>;
  /** The page this user was on when the app last locked (never another user's), or null. */
  lockedFrom(userId: string): string | null;
}

const SessionContext = createContext<SessionApi | null>(null);
const ACTIVITY_PING_MS = 60_000;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const officeRef = useRef<string | null>(null);
  const location = useLocation();
  const here = useRef('');
  const phaseRef = useRef(phase);
  useEffect(() => {
    here.current = `${location.pathname}${location.search}`;
    phaseRef.current = phase;
  });
  const lockedFromRef = useRef<{ userId: string; path: string } | null>(null);
  /** Called as the app leaves the signed-in phase: where (and who) it was. */
  const rememberPlace = useCallback(() => {
    const current = phaseRef.current;
    if (current.kind === 'ready') lockedFromRef.current = { userId: current.session.user.id, path: here.current };
  }, []);

  const refresh = useCallback(async (entry: 'signIn' | 'reload' = 'reload') => setPhase(await loadPhase(officeRef, entry)), []);

  useEffect(() => {
    let alive = true;
    void loadPhase(officeRef, 'reload').then((next) => alive && setPhase(next));
    return () => {
      alive = false;
    };
  }, []);

  const toSignIn = useCallback((notice: LockNotice) => {
    rememberPlace();
    setPhase((current) => (current.kind === 'ready' ? { kind: 'signIn', officeName: officeRef.current, notice } : current));
  }, [rememberPlace]);

  useEffect(() => subscribe('vault.locked', ({ reason }) => toSignIn(reason)), [toSignIn]);
  useEffect(() => onAuthLost(() => toSignIn('expired')), [toSignIn]);

  // Reading a long case file is activity too: tell the core's idle timer, at most once a minute.
  const ready = phase.kind === 'ready';
  useEffect(() => {
    if (!ready) return;
    let last = 0;
    const ping = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_PING_MS) return;
      last = now;
      void call('auth.activity', {}).catch(() => undefined);
    };
    window.addEventListener('keydown', ping);
    window.addEventListener('pointerdown', ping);
    return () => {
      window.removeEventListener('keydown', ping);
      window.removeEventListener('pointerdown', ping);
    };
  }, [ready]);

  const api = useMemo<SessionApi>(
    () => ({
      phase,
      signedIn: (session) => setPhase({ kind: 'ready', session, officeName: officeRef.current, entry: 'signIn' }),
      signOut: async () => {
        await flushDrafts();
        rememberPlace();
        await call('auth.signOut', {}).catch(() => undefined);
        setPhase({ kind: 'signIn', officeName: officeRef.current, notice: 'user' });
      },
      refresh,
      lockedFrom: (userId) => (lockedFromRef.current?.userId === userId ? lockedFromRef.current.path : null),
    }),
    [phase, refresh, rememberPlace],
  );

  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

/** Where the app stands, asked of the core: no vault yet, locked, or signed in. */
async function loadPhase(officeRef: { current: string | null }, entry: 'signIn' | 'reload'): Promise<Phase> {
  try {
    const info = await call('vault.info', {});
    officeRef.current = info.officeName;
    if (info.state === 'absent') return { kind: 'setup' };
    const session = info.state === 'unlocked' ? await call('auth.session', {}) : null;
    return session ? { kind: 'ready', session, officeName: info.officeName, entry } : { kind: 'signIn', officeName: info.officeName, notice: null };
  } catch {
    return { kind: 'unreachable' };
  }
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session; only for components rendered in the 'ready' phase. */
export function useCurrentSession(): SessionInfo {
  const { phase } = useSession();
  if (phase.kind !== 'ready') throw new Error('useCurrentSession outside the signed-in app');
  return phase.session;
}

export function useCan(permission: Permission): boolean {
  const { phase } = useSession();
  return phase.kind === 'ready' && phase.session.permissions.includes(permission);
}

/**
 * What the password check counts as the office's name where a password is set (issue 14 item 9):
 * its name from the keyring and, once signed in, its province, district and printed name.
 */
export function useOfficePasswordNames(): { officeName?: string; places: string[] } {
  const { phase } = useSession();
  const officeName = 'officeName' in phase ? (phase.officeName ?? undefined) : undefined;
  const places = phase.kind === 'ready' ? (phase.session.officePlaces ?? []) : [];
  return { ...(officeName ? { officeName } : {}), places };
}
