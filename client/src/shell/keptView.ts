import { uiStore, type SessionView, type UiStoreApi } from '../stores/ui';

/** What keeping the view needs of the browser: replaced in tests. */
export interface KeptViewEnvironment {
  /** The tab's sessionStorage: a reload keeps it, another tab or a new visit starts without it. */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** The page's path: one session's view is not another's. */
  path: string;
  store: UiStoreApi;
}

/** The views a kept value may name (every one, or this does not compile); anything else, an old build's, is ignored. */
const views: Record<SessionView, true> = {
  floor: true,
  report: true,
  unit: true,
  verify: true,
  decisions: true,
  attendance: true,
  dashboard: true,
  history: true,
  minutes: true,
  prepare: true,
};

function isView(value: string | null): value is SessionView {
  return value !== null && Object.hasOwn(views, value);
}

/**
 * Shows again, after a reload, the view this tab had chosen on this page (a chair on the
 * Decisions tab is not sent back to the floor), and keeps each choice from now on. Storage that
 * is disabled or refused keeps nothing: the page then starts on the role's first view.
 */
export function keepViewAcrossReloads(
  env: KeptViewEnvironment = {
    storage: {
      // Read on each use: touching `window.sessionStorage` throws where storage is refused.
      getItem: (key) => window.sessionStorage.getItem(key),
      setItem: (key, value) => window.sessionStorage.setItem(key, value),
      removeItem: (key) => window.sessionStorage.removeItem(key),
    },
    path: window.location.pathname,
    store: uiStore,
  },
): void {
  const key = `plenum:view:${env.path}`;
  let kept: string | null = null;
  try {
    kept = env.storage.getItem(key);
  } catch {
    // Not readable: nothing was kept.
  }
  // `uiSelectors.effectiveView` shows the role's first view for one the role lacks.
  if (isView(kept)) env.store.getState().setView(kept);
  env.store.subscribe((state, previous) => {
    if (state.view === previous.view) return;
    try {
      if (state.view === null) env.storage.removeItem(key);
      else env.storage.setItem(key, state.view);
    } catch {
      // Not kept: the view lasts as long as the page.
    }
  });
}
