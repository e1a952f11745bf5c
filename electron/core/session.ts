import type { Role } from '../../shared/auth/permissions';

/** Who is signed in on one client (an Electron window, a dev-server run, a CLI command). */
export interface Session {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** The lock epoch at sign-in; the session is void once the vault has locked since. */
  epoch: number;
  /** Until the password is changed only MUST_CHANGE_ALLOWED methods pass the router. */
  mustChangePassword?: boolean;
}

/** Per-client mutable state, owned by the transport (IPC binding, dev server, CLI). */
export interface ClientState {
  session: Session | null;
}

/** What a session that must change its password may still call (the router enforces it). */
export const MUST_CHANGE_ALLOWED: ReadonlySet<string> = new Set(['auth.changePassword', 'auth.signOut', 'auth.session', 'auth.activity']);

export const newClientState = (): ClientState => ({ session: null });
