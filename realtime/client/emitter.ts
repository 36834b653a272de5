// A tiny typed event emitter, so the SDK needs neither Node's EventEmitter nor the DOM's
// EventTarget: it runs unchanged in browsers and in Node.

export type Listener<T> = (payload: T) => void;

/** Emits named events, each with one payload whose type `Events` fixes per name. */
export class Emitter<Events extends object> {
  private readonly listeners: { [K in keyof Events]?: Set<Listener<Events[K]>> } = {};

  /** Calls `listener` on every `event`; returns a function that removes it again. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    (this.listeners[event] ??= new Set()).add(listener);
    return () => this.off(event, listener);
  }

  /** Calls `listener` on the next `event` only. */
  once<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const off = this.on(event, (payload) => {
      off();
      listener(payload);
    });
    return off;
  }

  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void {
    this.listeners[event]?.delete(listener);
  }

  /**
   * Calls the listeners in the order they were added. A listener that throws stops neither the
   * others nor the SDK's own bookkeeping; its error is rethrown on a microtask so it is still
   * reported (console, test runner, error tracker).
   */
  protected emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.listeners[event];
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}
