import { useEffect, useState, type ReactNode } from 'react';

/**
 * Renders `children` once `words` (the first words of the chosen language) are loaded, so no
 * screen flashes in English or shows its keys first. Only what shows waits: what sits above it,
 * such as the session's connection, starts with the first script.
 */
export function AfterWords({ words, children }: { words: Promise<unknown>; children: ReactNode }) {
  const [isLoaded, setLoaded] = useState(false);
  useEffect(() => {
    let isMounted = true;
    void words.then(() => {
      if (isMounted) setLoaded(true);
    });
    return () => {
      isMounted = false;
    };
  }, [words]);
  return isLoaded ? children : null;
}
