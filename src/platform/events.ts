/**
 * The in-process bus behind the live picture (`GET /api/live`): a module publishes what just
 * happened at a site (a check recorded, an alert raised, a posture changed) and every open stream
 * whose caller may see that site is told. It is deliberately in-process and lossy: a listener that
 * throws is dropped from that one delivery, and a client that reconnects gets a fresh snapshot, so
 * nothing depends on an event having been delivered — the record is in the store.
 */
export interface LiveEvent {
  /** What happened, e.g. `check.recorded`, `count.closed`, `alert.raised`, `posture.changed`. */
  type: string;
  /** The site it happened at; null for estate-wide events (seen only by estate-wide callers). */
  siteId: string | null;
  /** When it happened (ISO), from the publisher's clock. */
  at: string;
  data: Record<string, unknown>;
}

export type LiveListener = (event: LiveEvent) => void;

export class LiveEventBus {
  private readonly listeners = new Set<LiveListener>();

  /**
   * Tells every listener, synchronously, in subscription order.
   *
   * @example bus.publish({ type: 'posture.changed', siteId, at: clock.now().toISOString(), data: { posture: 'lockdown' } });
   */
  publish(event: LiveEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken stream must not stop the others from hearing the event.
      }
    }
  }

  /**
   * Listens until the returned function is called.
   *
   * @example const stop = bus.subscribe((e) => console.log(e.type)); stop();
   */
  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

/**
 * Whether a caller with these sites (null: the whole estate) may see the event.
 *
 * @example visibleTo(event, ['site-1']) // true when event.siteId === 'site-1'
 */
export function visibleTo(event: LiveEvent, sites: string[] | null): boolean {
  if (sites === null) return true;
  return event.siteId !== null && sites.includes(event.siteId);
}
