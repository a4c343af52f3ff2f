/**
 * @module core/event-hub
 * A small typed event emitter: `on()` returns an unsubscribe function, and emitting an event
 * nobody listens to costs one map lookup (the worker emits several events per job).
 */

type Handler = (...args: any[]) => void;

/** Typed events by map `M`; a throwing handler is reported to `onHandlerError`, never rethrown. */
export class EventHub<M extends { [K in keyof M]: Handler }> {
  private readonly handlers = new Map<keyof M | string, Handler[]>();

  constructor(private readonly onHandlerError: (error: unknown, event: string) => void = () => {}) {}

  /** Subscribes; returns the function that unsubscribes. */
  on<E extends keyof M>(event: E, handler: M[E]): () => void;
  on(event: string, handler: Function): () => void;
  on(event: string, handler: Function): () => void {
    const list = this.handlers.get(event) ?? [];
    // Copy-on-write, so an emit in progress never sees a half-changed list.
    this.handlers.set(event, [...list, handler as Handler]);
    return () => {
      const current = this.handlers.get(event) ?? [];
      const next = current.filter((h) => h !== handler);
      if (next.length > 0) this.handlers.set(event, next);
      else this.handlers.delete(event);
    };
  }

  /** `true` when at least one handler listens to `event`. */
  has(event: keyof M): boolean {
    return this.handlers.has(event);
  }

  /** Calls every handler of `event` in subscription order. */
  emit<E extends keyof M>(event: E, ...args: Parameters<M[E]>): void {
    const list = this.handlers.get(event);
    if (list === undefined) return;
    for (const handler of list) {
      try {
        handler(...args);
      } catch (error) {
        if (event === 'error') throw error;
        this.onHandlerError(error, String(event));
      }
    }
  }
}
