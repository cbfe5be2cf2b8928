export interface PresenceStoreState {
  /** The session the list belongs to; deltas for any other are ignored. */
  sessionId: string | null;
  /**
   * Who is online now, participant id → typing. Empty until the first join answer after a
   * (re)connect: while disconnected this client does not know, so it shows no one.
   */
  online: Record<string, boolean>;
}

export function initialPresenceState(): PresenceStoreState {
  return { sessionId: null, online: {} };
}
