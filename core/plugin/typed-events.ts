// A typed event bus: one map from event name to payload type, listeners registered by
// owner, as zigbee2mqtt's event bus: every listener is guarded, so a throw or a rejection
// is logged as `<owner>/<event>` and the other listeners still run; removeListeners(owner)
// detaches all of an owner's listeners at once (a plugin's scope does it on stop).
import type { Logger } from '../log.js';

/** Event name -> payload, as an interface: `interface ApEvents { client_added: { mac: string } }`. */
export type EventMap = object;
export type EventListener<P> = (payload: P) => void | Promise<void>;

interface Registered {
  owner: string;
  listener: EventListener<never>;
}

export class TypedEvents<M extends EventMap> {
  private readonly listeners = new Map<keyof M, Set<Registered>>();

  constructor(private readonly log: Logger) {}

  /** Calls `listener` for each `event`; returns the function that detaches it. */
  on<K extends keyof M & string>(owner: string, event: K, listener: EventListener<M[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const entry: Registered = { owner, listener: listener as EventListener<never> };
    set.add(entry);
    return () => void set.delete(entry);
  }

  emit<K extends keyof M & string>(event: K, payload: M[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const { owner, listener } of [...set]) {
      const fail = (err: unknown): void => this.log.error(`${owner}/${event}: ${err instanceof Error ? err.message : String(err)}`);
      try {
        const result = (listener as EventListener<M[K]>)(payload);
        if (result instanceof Promise) result.catch(fail);
      } catch (err) {
        fail(err);
      }
    }
  }

  removeListeners(owner: string): void {
    for (const set of this.listeners.values()) for (const entry of [...set]) if (entry.owner === owner) set.delete(entry);
  }

  listenerCount(event?: keyof M & string): number {
    if (event !== undefined) return this.listeners.get(event)?.size ?? 0;
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
