import { useCallback, useEffect, useState } from 'react';

export type ApiData<T> =
  | { state: 'loading'; reload: () => void }
  | { state: 'failed'; error: unknown; reload: () => void }
  | { state: 'loaded'; data: T; reload: () => void };

/**
 * Loads `load()`, again on `reload()` and when `load` changes (keep it stable with `useCallback`);
 * the last answer wins.
 */
export function useApiData<T>(load: () => Promise<T>): ApiData<T> {
  const [version, setVersion] = useState(0);
  const [result, setResult] = useState<
    { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'loaded'; data: T }
  >({
    state: 'loading',
  });
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setResult({ state: 'loaded', data }),
      (error: unknown) => current && setResult({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [load, version]);

  return { ...result, reload };
}
