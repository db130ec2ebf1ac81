/**
 * A page's subscription to the live stream (`/api/live`, server-sent events filtered to the
 * user's sites by the server).
 *
 * @example useLiveEvents(ALERT_EVENTS, () => list.reload());
 */
import { useEffect, useRef } from 'react';

/** What an alert's life sends: each event carries `{ siteId, at, alert }`. */
export const ALERT_EVENTS = [
  'alert.raised',
  'alert.acknowledged',
  'alert.escalated',
  'alert.resolved',
] as const;

/**
 * Calls `onEvent` for each event of these types, bursts folded into one call `delayMs` after the
 * last (a sweep that raises twenty alerts makes one reload).
 */
export function useLiveEvents(
  types: readonly string[],
  onEvent: (type: string, data: unknown) => void,
  delayMs = 250,
): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = types.join(' ');
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/live', { withCredentials: true });
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last: { type: string; data: unknown } | null = null;
    const listener = (type: string) => (e: MessageEvent) => {
      last = { type, data: JSON.parse(e.data as string) as unknown };
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        if (last) handler.current(last.type, last.data);
      }, delayMs);
    };
    for (const type of key.split(' ')) source.addEventListener(type, listener(type));
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [key, delayMs]);
}
