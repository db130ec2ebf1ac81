/**
 * The last answers a page needs to work with no network (the officer's rounds: who I am, my sites,
 * the wings, the round), kept on the device. Used only when the server cannot be reached; any
 * answer from the server, including a refusal, wins.
 *
 * @example const sites = useApi(() => remembered('sites', () => api.sites()), []);
 */
import { ApiError } from './api';

const PREFIX = 'custodia.offline.';

export async function remembered<T>(key: string, load: () => Promise<T>): Promise<T> {
  try {
    const value = await load();
    try {
      localStorage.setItem(PREFIX + key, JSON.stringify(value));
    } catch {
      // Storage full or disabled: the page still works online.
    }
    return value;
  } catch (error) {
    const kept = error instanceof ApiError && error.status === 0 ? localStorage.getItem(PREFIX + key) : null;
    if (kept === null) throw error;
    return JSON.parse(kept) as T;
  }
}

/** Forgets everything kept (on signing out, or when the server says the session is over). */
export function forgetRemembered(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
}
