import type { IssuedLink } from '@plenum/shared';

/**
 * Invitation links just issued, by session, until the person who issued them puts them away.
 * Kept in memory for the life of the page, never in storage: each link is a secret that the
 * server answers once and keeps only as a hash.
 */
export interface IssuedLinksStoreState {
  /** Session id → the links issued in it and not yet put away, oldest first. */
  bySession: Record<string, readonly IssuedLink[]>;
}

export function initialIssuedLinksState(): IssuedLinksStoreState {
  return { bySession: {} };
}
