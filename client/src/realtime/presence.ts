import type { PresenceChanged, PresenceEntry } from '@plenum/shared';
import { presenceStore as appPresenceStore, type PresenceStoreApi } from '../stores/presence';
import type { SessionSync } from './SessionSync';

/** Who is online, as this connection hears it. */
export type PresenceUpdate =
  /** The whole list, from a join answer of this session. */
  | { kind: 'online'; sessionId: string; online: readonly PresenceEntry[] }
  /** A delta on top of it. */
  | { kind: 'changed'; change: PresenceChanged }
  /** The connection dropped: this client no longer knows who is there. */
  | { kind: 'lost' };
export type PresenceListener = (update: PresenceUpdate) => void;

/** The listeners of one sync's presence. */
export class PresenceFeed {
  private readonly listeners = new Set<PresenceListener>();

  subscribe(listener: PresenceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(update: PresenceUpdate): void {
    for (const listener of this.listeners) listener(update);
  }

  clear(): void {
    this.listeners.clear();
  }
}

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
