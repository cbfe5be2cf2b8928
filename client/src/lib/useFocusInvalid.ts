import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Puts the focus on the first field the form marks invalid (`aria-invalid`) after each
 * `focusInvalid()`, once the marks are drawn: after a check or a refusal, the person lands on
 * what to change.
 */
export function useFocusInvalid() {
  const formRef = useRef<HTMLFormElement>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const focusInvalid = useCallback(() => setAttempt((n) => n + 1), []);
  return { formRef, focusInvalid };
}
