import type { PresenceChanged } from '@plenum/shared';

/**
 * Who is connected to each session on this process, and whether they are typing. Ephemeral:
 * never persisted, never in the log.
 */
export class Presence {
  private readonly sessions = new Map<string, Map<string, { participantId: string; isTyping: boolean }>>();

  /** Returns false when the socket was already attached (a repeated join: nothing changed). */
  attach(sessionId: string, socketId: string, participantId: string): boolean {
    const sockets = this.sessions.get(sessionId) ?? new Map<string, { participantId: string; isTyping: boolean }>();
    if (sockets.has(socketId)) return false;
    sockets.set(socketId, { participantId, isTyping: false });
    this.sessions.set(sessionId, sockets);
    return true;
  }

  /** Returns false when the socket was not attached (nothing changed). */
  setTyping(sessionId: string, socketId: string, isTyping: boolean): boolean {
    const entry = this.sessions.get(sessionId)?.get(socketId);
    if (!entry || entry.isTyping === isTyping) return false;
    entry.isTyping = isTyping;
    return true;
  }

  /** Returns false when the socket was not attached. */
  detach(sessionId: string, socketId: string): boolean {
    const sockets = this.sessions.get(sessionId);
    if (!sockets?.delete(socketId)) return false;
    if (sockets.size === 0) this.sessions.delete(sessionId);
    return true;
  }

  /** Sessions with at least one socket on this process. */
  activeSessions(): string[] {
    return [...this.sessions.keys()];
  }

  /** One entry per participant: online, typing if any of their sockets is. */
  snapshot(sessionId: string): PresenceChanged {
    const byParticipant = new Map<string, boolean>();
    for (const { participantId, isTyping } of this.sessions.get(sessionId)?.values() ?? []) {
      byParticipant.set(participantId, (byParticipant.get(participantId) ?? false) || isTyping);
    }
    return {
      sessionId,
      online: [...byParticipant].map(([participantId, isTyping]) => ({ participantId, isTyping })),
    };
  }
}
