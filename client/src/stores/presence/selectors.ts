import type { PresenceStoreState } from './initialState';

/** Pure reads of who is online. */
export const presenceSelectors = {
  isOnline: (online: PresenceStoreState['online'], participantId: string): boolean =>
    Object.hasOwn(online, participantId),
};
