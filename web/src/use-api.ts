/**
 * Loads data for a page: `{ data, error, loading, reload }`, re-run when `deps` change; a
 * late answer to an old request is dropped.
 *
 * @example const { data, error } = useApi(() => api.detainee(id), [id]);
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

export function useApi<T>(load: () => Promise<T>, deps: unknown[]): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const call = ++latest.current;
    setLoading(true);
    setError(undefined);
    load().then(
      (value) => {
        if (call !== latest.current) return;
        setData(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (call !== latest.current) return;
        setError(err instanceof ApiError ? err : new ApiError(-1, { error: 'client', message: String(err) }));
        setData(undefined);
        setLoading(false);
      },
    );
    // `load` is a new closure on every render; `deps` say when its result changes.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
