import { useState } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createSessionActions, type SessionStore } from './actions';
import { initialSessionState } from './initialState';
import { trackedSelector, type SessionSelector } from './trackedSelector';

export type { SessionStore } from './actions';
export type { SessionStoreState } from './initialState';
export { initialSessionState } from './initialState';
export { sessionSelectors, type AgendaDay } from './selectors';
export { reportSelectors, type IndicatorRow } from './reportSelectors';
export { floorSelectors, type Speech } from './floorSelectors';
export { decisionSelectors, type AttendanceRow, type SecondReview, type TrackedDirective } from './decisionSelectors';
export {
  minutesSelectors,
  type Minutes,
  type MinutesDay,
  type MinutesItem,
  type MinutesScope,
} from './minutesSelectors';
export { dashboardSelectors, type PeriodChange } from './dashboardSelectors';
export { trendSelectors } from './trendSelectors';

/** A session store; the app uses the one below, tests may make their own. */
export function createSessionStore(sessionId?: string) {
  return createStore<SessionStore>()((set, get) => ({
    ...initialSessionState(sessionId),
    ...createSessionActions(set, get),
  }));
}
export type SessionStoreApi = ReturnType<typeof createSessionStore>;

/** The app's session store: one review session per tab. */
export const sessionStore = createSessionStore();

/**
 * Reads the app's session store in a component; pass a selector returning stable values (for a
 * pick of several fields, wrap it in `useShallow`). Derived data goes through `useSessionState`.
 */
export function useSessionStore<T>(selector: (state: SessionStore) => T): T {
  return useStore(sessionStore, selector);
}

/**
 * Reads derived data of the folded session state in a component: `selector(state, ...args)`,
 * and the component renders again only when the arguments or a part of the state the selector
 * read have changed (see `trackedSelector`). Pass a selector made once, such as a named one.
 * @example
 * const focus = useSessionState(sessionSelectors.focusItem);
 * const directives = useSessionState(decisionSelectors.directivesOfUnit, unitId);
 */
export function useSessionState<TArgs extends readonly unknown[], T>(
  selector: SessionSelector<TArgs, T>,
  ...args: TArgs
): T {
  const [select] = useState(trackedSelector<TArgs, T>);
  return useStore(sessionStore, (s) => select(selector, s.session, args));
}
