import { describe, expect, test } from 'vitest';
import type { SessionView } from '../stores/ui';
import { createStaleBuildRecovery, isStaleBuildError, reloadGuardMs } from './staleBuild';

/** A browser of `Map` storage, a settable clock, counted reloads and a view. */
function fakeBrowser(options: { view?: SessionView | null; storage?: Map<string, string> } = {}) {
  const storage = options.storage ?? new Map<string, string>();
  const browser = {
    storage,
    time: 1_000_000,
    reloads: 0,
    env: {
      storage: {
        getItem: (key: string) => storage.get(key) ?? null,
        setItem: (key: string, value: string) => void storage.set(key, value),
        removeItem: (key: string) => void storage.delete(key),
      },
      now: () => browser.time,
      reload: () => void browser.reloads++,
      view: () => options.view ?? null,
    },
  };
  return browser;
}

describe('stale build recovery', () => {
  test('recognises a chunk or its stylesheet that failed to load, in each browser’s words', () => {
    expect(isStaleBuildError(new TypeError('Failed to fetch dynamically imported module: /assets/Minutes-x.js'))).toBe(
      true,
    );
    expect(isStaleBuildError(new TypeError('error loading dynamically imported module: /assets/Minutes-x.js'))).toBe(
      true,
    );
    expect(isStaleBuildError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isStaleBuildError(new Error('Unable to preload CSS for /assets/Minutes-x.css'))).toBe(true);
    expect(isStaleBuildError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
  });

  test('reloads once, keeping the view for the next page, which shows it once', () => {
    const before = fakeBrowser({ view: 'minutes' });
    const recovery = createStaleBuildRecovery(before.env);
    expect(recovery.reloadForNewBuild()).toBe(true);
    expect(recovery.isReloading()).toBe(true);
    // The error boundary asks too, after the `vite:preloadError` listener: still one reload.
    expect(recovery.reloadForNewBuild()).toBe(true);
    expect(before.reloads).toBe(1);

    const after = createStaleBuildRecovery(fakeBrowser({ storage: before.storage }).env);
    expect(after.takeKeptView()).toBe('minutes');
    expect(after.takeKeptView()).toBeNull();
  });

  test('does not reload again within the guard, so a page that cannot load its code does not loop', () => {
    const first = fakeBrowser();
    createStaleBuildRecovery(first.env).reloadForNewBuild();
    const second = fakeBrowser({ storage: first.storage });
    second.time = first.time + reloadGuardMs - 1;
    expect(createStaleBuildRecovery(second.env).reloadForNewBuild()).toBe(false);
    expect(second.reloads).toBe(0);

    const later = fakeBrowser({ storage: first.storage });
    later.time = first.time + reloadGuardMs;
    expect(createStaleBuildRecovery(later.env).reloadForNewBuild()).toBe(true);
    expect(later.reloads).toBe(1);
  });

  test('without storage for its guard it does not reload by itself', () => {
    const browser = fakeBrowser();
    const refused = () => {
      throw new DOMException('refused', 'SecurityError');
    };
    const recovery = createStaleBuildRecovery({
      ...browser.env,
      storage: { getItem: refused, setItem: refused, removeItem: refused },
    });
    expect(recovery.reloadForNewBuild()).toBe(false);
    expect(browser.reloads).toBe(0);
  });
});
