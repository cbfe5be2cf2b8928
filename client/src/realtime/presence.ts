import { presenceStore as appPresenceStore, type PresenceStoreApi } from '../stores/presence';
import type { SessionSync } from './SessionSync';

/**
 * Keeps the presence store in step with what `sync` hears: the whole online list from each
 * join answer of the session, then the `presence:changed` deltas in arrival order. A dropped
 * connection empties it (this client no longer knows who is there) until the next join
 * answer. Returns the way to stop, which empties it too.
 * @example
 * const stop = bindPresence(sync);
 */
export function bindPresence(sync: SessionSync, presence: PresenceStoreApi = appPresenceStore): () => void {
  presence.getState().reset();
  const stopListening = sync.onPresence((update) => {
    switch (update.kind) {
      case 'online':
        presence.getState().replace(update.sessionId, update.online);
        return;
      case 'changed':
        presence.getState().applyChange(update.change);
        return;
      case 'lost':
        presence.getState().reset();
        return;
    }
  });
  return () => {
    stopListening();
    presence.getState().reset();
  };
}
