/**
 * The signed-in user: who they are and what they may do (`permissions` from /api/auth/me), the
 * CSRF token handed to the API client, log in and log out.
 *
 * @example const { me, can } = useSession(); if (can('audit.read')) …
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, ApiError, type Me, setCsrfToken } from './api';
import { forgetRemembered, remembered } from './offline';

interface SessionValue {
  /** undefined while loading, null when signed out. */
  me: Me | null | undefined;
  can(permission: string | undefined): boolean;
  logIn(username: string, password: string): Promise<void>;
  logOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      // With the network down, the last answer keeps the officer signed in on the device.
      const who = await remembered('me', () => api.me());
      setCsrfToken(who.csrfToken);
      setMe(who);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        forgetRemembered();
        setCsrfToken(null);
        setMe(null);
      } else {
        setMe(null);
      }
    }
  }, []);

  useEffect(() => {
    void refresh();
    // Signed in from the device's memory while offline: ask the server again once it is back.
    const back = () => void refresh();
    window.addEventListener('online', back);
    return () => window.removeEventListener('online', back);
  }, [refresh]);

  const value = useMemo<SessionValue>(
    () => ({
      me,
      can: (permission) => !permission || (me?.permissions.includes(permission) ?? false),
      logIn: async (username, password) => {
        const res = await api.logIn(username, password);
        setCsrfToken(res.csrfToken);
        await refresh();
      },
      logOut: async () => {
        try {
          await api.logOut();
        } finally {
          forgetRemembered();
          setCsrfToken(null);
          setMe(null);
        }
      },
    }),
    [me, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
