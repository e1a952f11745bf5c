/**
 * Who is signed in, and the phase of the app: set-up, sign-in, or ready.
 * Everything that shows case data lives under the 'ready' phase, so a lock
 * (idle, sleep, screen lock, sign-out) unmounts it and drops every piece of
 * case data the renderer held.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionInfo } from '../../../../shared/api/schemas/auth';
import type { Permission } from '../../../../shared/auth/permissions';
import { call, onAuthLost, subscribe } from '../../api/client';

export type LockNotice = 'idle' | 'sleep' | 'screen' | 'user' | 'expired' | null;

export type Phase =
  | { kind: 'loading' }
  | { kind: 'unreachable' }
  | { kind: 'setup' }
  | { kind: 'signIn'; officeName: string | null; notice: LockNotice }
  | { kind: 'ready'; session: SessionInfo; officeName: string | null };

interface SessionApi {
  phase: Phase;
  /** After set-up or sign-in: move to the signed-in app. */
  signedIn(session: SessionInfo): void;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);
const ACTIVITY_PING_MS = 60_000;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const officeRef = useRef<string | null>(null);

  const refresh = useCallback(async () => setPhase(await loadPhase(officeRef)), []);

  useEffect(() => {
    let alive = true;
    void loadPhase(officeRef).then((next) => alive && setPhase(next));
    return () => {
      alive = false;
    };
  }, []);

  const toSignIn = useCallback((notice: LockNotice) => {
    setPhase((current) => (current.kind === 'ready' ? { kind: 'signIn', officeName: officeRef.current, notice } : current));
  }, []);

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
      signedIn: (session) => setPhase({ kind: 'ready', session, officeName: officeRef.current }),
      signOut: async () => {
        await call('auth.signOut', {}).catch(() => undefined);
        setPhase({ kind: 'signIn', officeName: officeRef.current, notice: 'user' });
      },
      refresh,
    }),
    [phase, refresh],
  );

  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

/** Where the app stands, asked of the core: no vault yet, locked, or signed in. */
async function loadPhase(officeRef: { current: string | null }): Promise<Phase> {
  try {
    const info = await call('vault.info', {});
    officeRef.current = info.officeName;
    if (info.state === 'absent') return { kind: 'setup' };
    const session = info.state === 'unlocked' ? await call('auth.session', {}) : null;
    return session ? { kind: 'ready', session, officeName: info.officeName } : { kind: 'signIn', officeName: info.officeName, notice: null };
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
