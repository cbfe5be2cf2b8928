import { uiStore, type SessionView } from '../stores/ui';

/**
 * Recovery from a deploy under an open screen. A new build renames every hashed chunk and deletes
 * the old ones, so a screen of the old build fails when it first opens a lazily loaded view. It
 * then reloads once onto the new build, showing the same view; drafts are kept on the device
 * already (`lib/keptOnDevice`), so nothing typed is lost. Code that fails to load offline or on a
 * dropped connection is no sign of a new build: the page stays, and the piece is tried again
 * (`lazyWithRetry`).
 */

/** The tab's last reload onto a new build (ms since the epoch), in sessionStorage. */
const reloadedAtKey = 'plenum:reloaded-for-new-build';
/** The view the tab showed (or was opening) when it reloaded, in sessionStorage. */
const viewKey = 'plenum:view-before-reload';
/**
 * A second failure this soon after such a reload means the page cannot load its code whatever the
 * build (the server lacks it, a proxy keeps an old page): reloading again would loop, so the error
 * screen stays. A minute covers a slow link's reload and the restored view's first load.
 */
export const reloadGuardMs = 60_000;

/** What the recovery needs of the browser: replaced in tests. */
export interface ReloadEnvironment {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  now(): number;
  reload(): void;
  /** The view shown now (null: the role's first). */
  view(): SessionView | null;
}

/**
 * Whether `error` says code of this page's build could not be loaded: a dynamic import (Chromium,
 * Firefox and Safari word it differently) or the stylesheet Vite preloads with it.
 */
export function isStaleBuildError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(message);
}

let buildProbe: Promise<boolean> | null = null;

/**
 * Whether the server has replaced this page's build: it answers that the page's entry script is
 * gone. False when it cannot be reached, or answers otherwise: the code that failed to load is
 * then worth asking for again, and a reload would not bring a newer page.
 */
export function isBuildReplaced(): Promise<boolean> {
  const entry = document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src;
  if (!entry) return Promise.resolve(false);
  // HEAD passes the service worker by (it answers GET only); no-store, the HTTP cache, which keeps
  // hashed assets a year. The failed import and `vite:preloadError` ask at once: one request.
  buildProbe ??= fetch(entry, { method: 'HEAD', cache: 'no-store' })
    .then(
      (response) => response.status === 404,
      () => false,
    )
    .finally(() => {
      buildProbe = null;
    });
  return buildProbe;
}

/** The recovery of one page, over `env`. */
export function createStaleBuildRecovery(env: ReloadEnvironment) {
  // Storage may be disabled or full: then the view is not kept, and no reload is made by itself
  // (its guard could not be kept either).
  const tryStorage = <T>(access: () => T): T | null => {
    try {
      return access();
    } catch {
      return null;
    }
  };
  let isReloading = false;

  /** Reloads the page, keeping the view shown for the page that follows. */
  const reloadPage = (): void => {
    isReloading = true;
    const view = env.view();
    if (view !== null) tryStorage(() => env.storage.setItem(viewKey, view));
    env.reload();
  };

  return {
    /** Whether this page is reloading already (its screen then waits rather than crashes). */
    isReloading: (): boolean => isReloading,
    /**
     * Reloads onto the build the server serves now, once: returns whether the page is reloading,
     * false when this tab did so within {@link reloadGuardMs}.
     */
    reloadForNewBuild: (): boolean => {
      if (isReloading) return true;
      const now = env.now();
      const last = Number(tryStorage(() => env.storage.getItem(reloadedAtKey)) ?? Number.NaN);
      if (Number.isFinite(last) && now >= last && now - last < reloadGuardMs) return false;
      if (tryStorage(() => env.storage.setItem(reloadedAtKey, String(now))) === null) return false;
      reloadPage();
      return true;
    },
    /** The view kept by the reload that loaded this page, once; null when there is none. */
    takeKeptView: (): SessionView | null => {
      const view = tryStorage(() => env.storage.getItem(viewKey));
      if (view === null) return null;
      tryStorage(() => env.storage.removeItem(viewKey));
      // `uiSelectors.effectiveView` shows the role's first view for one the role lacks.
      return view as SessionView;
    },
  };
}

const recovery = createStaleBuildRecovery({
  // Read on each use: touching `window.sessionStorage` throws where storage is refused.
  storage: {
    getItem: (key) => window.sessionStorage.getItem(key),
    setItem: (key, value) => window.sessionStorage.setItem(key, value),
    removeItem: (key) => window.sessionStorage.removeItem(key),
  },
  now: () => Date.now(),
  reload: () => window.location.reload(),
  view: () => uiStore.getState().view,
});

export const { reloadForNewBuild } = recovery;
export const isReloadingForNewBuild = recovery.isReloading;

/**
 * Starts the recovery: shows again the view a reload kept, and reloads when a chunk of this
 * build fails to load because the server has a new build. Vite reports each failed dynamic
 * import (and its preloaded stylesheets) as `vite:preloadError`; the error still reaches the
 * screen's error boundary, which waits for the reload, or shows the error screen when the guard
 * refused it.
 */
export function recoverFromStaleBuilds(): void {
  const view = recovery.takeKeptView();
  if (view !== null) uiStore.getState().setView(view);
  window.addEventListener('vite:preloadError', () => {
    void isBuildReplaced().then((isReplaced) => {
      if (isReplaced) reloadForNewBuild();
    });
  });
}
