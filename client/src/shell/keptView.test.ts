import { describe, expect, test } from 'vitest';
import { createUiStore } from '../stores/ui';
import { keepViewAcrossReloads } from './keptView';

/** A tab's sessionStorage, kept across the "reloads" of one test. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('the view across a reload', () => {
  test('a reload of the same session shows the view chosen before it', () => {
    const storage = memoryStorage();
    const before = createUiStore();
    keepViewAcrossReloads({ storage, path: '/s/session-1', store: before });
    before.getState().setView('decisions');

    const after = createUiStore();
    keepViewAcrossReloads({ storage, path: '/s/session-1', store: after });
    expect(after.getState().view).toBe('decisions');

    // Another session in the same tab starts on its own first view.
    const other = createUiStore();
    keepViewAcrossReloads({ storage, path: '/s/session-2', store: other });
    expect(other.getState().view).toBeNull();
  });

  test('storage that refuses the page keeps nothing and throws nothing', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => undefined,
    };
    const store = createUiStore();
    keepViewAcrossReloads({ storage: refusing, path: '/s/session-1', store });
    expect(() => store.getState().setView('minutes')).not.toThrow();
    expect(store.getState().view).toBe('minutes');
  });
});
