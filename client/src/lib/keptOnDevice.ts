/**
 * Text kept in this browser across reloads (its local storage). Storage may be disabled, full or
 * refused to the page: what is kept then lasts as long as the page, and nothing throws.
 */

/** What is kept under `key`, or null when nothing is (or storage cannot be read). */
export function readKept(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Keeps `value` under `key`; null forgets what was kept. */
export function keep(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Not kept: it lasts as long as the page.
  }
}
