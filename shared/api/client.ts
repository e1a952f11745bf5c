/**
 * The one shape every host gives the renderer as `window.kalkan`: the Electron
 * preload (IPC) and the dev server's fetch shim both satisfy it.
 */
import type { Envelope } from './envelope';
import type { EventMap, EventName } from './events';
import type { Input, Method, Output } from './contract';
import type { HostDialogs } from './host';

export interface KalkanBridge {
  invoke<M extends Method>(method: M, input: Input<M>): Promise<Envelope<Output<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /** Native file dialogs: only the Electron preload has them (the harness types paths instead). */
  host?: HostDialogs;
}
