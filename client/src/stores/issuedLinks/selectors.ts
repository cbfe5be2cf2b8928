import type { IssuedLink } from '@plenum/shared';
import type { IssuedLinksStoreState } from './initialState';

const none: readonly IssuedLink[] = [];

export const issuedLinksSelectors = {
  /** The links issued in a session and not yet put away; the same empty list while there are none. */
  ofSession: (state: IssuedLinksStoreState, sessionId: string): readonly IssuedLink[] =>
    state.bySession[sessionId] ?? none,
};
