/**
 * The renderer's only door to the core: `window.kalkan`, provided by the
 * Electron preload or by the dev server's shim. Replies are envelopes; `call`
 * turns an error envelope into an ApiError carrying the translatable code.
 */
import type { KalkanBridge } from '../../../shared/api/client';
import type { Input, Method, Output } from '../../../shared/api/contract';
import type { AppError, Envelope } from '../../../shared/api/envelope';
import type { EventMap, EventName } from '../../../shared/api/events';

declare global {
  interface Window {
    kalkan?: KalkanBridge;
  }
}

export class ApiError extends Error {
  constructor(readonly error: AppError) {
    super(error.code);
    this.name = 'ApiError';
  }
}

function bridge(): KalkanBridge {
  const b = window.kalkan;
  if (!b) throw new ApiError({ code: 'api.unreachable' });
  return b;
}

const AUTH_LOST = new Set(['auth.locked', 'auth.signedOut']);
const authLostListeners = new Set<() => void>();

/** Called whenever a reply says the vault locked or the session ended: the app drops to sign-in. */
export function onAuthLost(listener: () => void): () => void {
  authLostListeners.add(listener);
  return () => authLostListeners.delete(listener);
}

export async function invoke<M extends Method>(method: M, input: Input<M>): Promise<Envelope<Output<M>>> {
  let reply: Envelope<Output<M>>;
  try {
    reply = await bridge().invoke(method, input);
  } catch {
    reply = { ok: false, error: { code: 'api.unreachable' } };
  }
  if (!reply.ok && AUTH_LOST.has(reply.error.code)) for (const listener of authLostListeners) listener();
  return reply;
}

export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  const reply = await invoke(method, input);
  if (!reply.ok) throw new ApiError(reply.error);
  return reply.value;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  return window.kalkan ? window.kalkan.on(event, listener) : () => {};
}
