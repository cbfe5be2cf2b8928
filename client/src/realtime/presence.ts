import type { PresenceChanged } from '@plenum/shared';
import { presenceStore as appPresenceStore, type PresenceStoreApi } from '../stores/presence';
import { onJoinAnswer, type PlenumSocket } from './socket';
import { incomingProblem } from './validateIncoming';

export interface TrackPresenceOptions {
  socket: PlenumSocket;
  sessionId: string;
  presence?: PresenceStoreApi;
}

/**
 * Keeps the presence store in step with the server: the whole online list from the first join
 * answer of a connection, then the `presence:changed` deltas in arrival order. A dropped connection empties it
 * (this client no longer knows who is there) until the next join answer. Returns the way to stop.
 * @example
 * const stop = trackPresence({ socket, sessionId });
 */
export function trackPresence(options: TrackPresenceOptions): () => void {
  const { socket, sessionId, presence = appPresenceStore } = options;
  presence.getState().reset();

  const stopJoinAnswers = onJoinAnswer(socket, (result) => {
    if (result.sessionId === sessionId && result.online) presence.getState().replace(sessionId, result.online);
  });
  const handleChanged = (change: PresenceChanged) => {
    const problem = incomingProblem.presence(change);
    if (problem) {
      console.error(`Plenum: presence:changed does not follow the protocol: ${problem}`);
      return;
    }
    presence.getState().applyChange(change);
  };
  const handleDisconnect = () => presence.getState().reset();
  socket.on('presence:changed', handleChanged);
  socket.on('disconnect', handleDisconnect);

  return () => {
    stopJoinAnswers();
    socket.off('presence:changed', handleChanged);
    socket.off('disconnect', handleDisconnect);
    presence.getState().reset();
  };
}
