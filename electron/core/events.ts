/** Core → host event bus; hosts forward events to the renderer (IPC, server-sent events). */
import type { EventMap, EventName } from '../../shared/api/events';

type Listener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}
