import { useEffect, useLayoutEffect, useRef } from 'react';

/** True when keys typed at `target` are text (or choices) for it, not commands for the page. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'reset', 'submit', 'image'].includes(target.type);
  }
  return false;
}

/** True when `target` is inside a modal dialog: its keys answer the dialog, not the page. */
function isInModal(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[aria-modal="true"]') !== null;
}

/**
 * The shortcut letter a key press stands for, upper case, or null when it is no shortcut:
 * typing in a field or a modal dialog, a modifier held, a repeat, or not a letter. The letter comes from
 * `key` when it is Latin and from the physical key otherwise, so shortcuts also work while a
 * Korean (or other) input method is on.
 */
export function shortcutKey(event: KeyboardEvent): string | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || event.isComposing) return null;
  if (isTypingTarget(event.target) || isInModal(event.target)) return null;
  if (/^[a-z]$/i.test(event.key)) return event.key.toUpperCase();
  const physical = /^Key([A-Z])$/.exec(event.code);
  return physical?.[1] ?? null;
}

/**
 * Runs `handlers[letter]` on a key press anywhere on the page (see `shortcutKey`). A handler
 * returning false leaves the key to the browser. The listener stays attached, and reads the
 * handlers and `isEnabled` of the last render committed: re-attached in a passive effect, it
 * missed a key pressed between a dialog closing and that effect (Escape, then at once the key
 * again).
 */
export function useShortcuts(handlers: Record<string, () => boolean | void>, isEnabled = true): void {
  const latest = useRef({ handlers, isEnabled });
  useLayoutEffect(() => {
    latest.current = { handlers, isEnabled };
  });
  useEffect(() => {
    const handleKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !latest.current.isEnabled) return;
      const key = shortcutKey(event);
      const handler = key === null ? undefined : latest.current.handlers[key];
      if (!handler) return;
      if (handler() !== false) event.preventDefault();
    };
    document.addEventListener('keydown', handleKeyDown);
    return () => document.removeEventListener('keydown', handleKeyDown);
  }, []);
}
