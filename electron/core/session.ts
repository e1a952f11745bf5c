import type { Role } from '../../shared/auth/permissions';

/** Who is signed in on one client (an Electron window, a dev-server run, a CLI command). */
export interface Session {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** The lock epoch at sign-in; the session is void once the vault has locked since. */
  epoch: number;
}

/** Per-client mutable state, owned by the transport (IPC binding, dev server, CLI). */
export interface ClientState {
  session: Session | null;
}

export const newClientState = (): ClientState => ({ session: null });
