import { Limits, type PresenceChanged, type PresenceEntry } from '@plenum/shared';

/**
 * How long presence changes of a session are gathered before the room hears of them. Seating a
 * room of N people then costs each member one message per interval instead of one per arrival
 * (N² messages, each carrying the whole list, before); half a second is still immediate for
 * "who is here" and for a typing marker.
 */
export const defaultPresenceIntervalMs = 500;

interface SessionPresence {
  /** Socket id → its participant, whether it is typing, and whether it is listed (see {@link Presence.attach}). */
  sockets: Map<string, { participantId: string; isTyping: boolean; listed: boolean }>;
  /** Participant id → its sockets attached to the session on this process. */
  socketsOf: Map<string, Set<string>>;
  /** What the room was last told: participant id → typing. */
  announced: Map<string, boolean>;
  /** Participants whose state may differ from `announced`. */
  changed: Set<string>;
  timer: NodeJS.Timeout | undefined;
}

export interface PresenceOptions {
  /** Changes are gathered this long and then published together; 0 publishes each at once. */
  intervalMs: number;
  /** Sends one delta to the session's room. */
  publish: (change: PresenceChanged) => void;
}

/**
 * Who is connected to each session on this process, and whether they are typing. Ephemeral:
 * never persisted, never in the log. A participant is online while any of their sockets is
 * attached; changes are published as participant-level deltas, at most one per interval and
 * session (trailing edge), and a joining socket gets the announced list in its join answer.
 * With several processes each publishes its own participants' changes.
 */
export class Presence {
  private readonly sessions = new Map<string, SessionPresence>();

  constructor(private readonly options: PresenceOptions) {}

  /**
   * Returns false when the socket was already attached (a repeated join: nothing changed). A
   * socket not `listed` (an administrator's) keeps its session active but is never online:
   * not in the deltas, the join answers' lists or {@link participants}.
   */
  attach(sessionId: string, socketId: string, participantId: string, listed: boolean): boolean {
    const session = this.sessions.get(sessionId) ?? this.open(sessionId);
    if (session.sockets.has(socketId)) return false;
    session.sockets.set(socketId, { participantId, isTyping: false, listed });
    if (!listed) return true;
    const sockets = session.socketsOf.get(participantId) ?? new Set<string>();
    sockets.add(socketId);
    session.socketsOf.set(participantId, sockets);
    this.changed(sessionId, session, participantId);
    return true;
  }

  /** Does nothing when the socket is not attached or already in that state. */
  setTyping(sessionId: string, socketId: string, isTyping: boolean): void {
    const session = this.sessions.get(sessionId);
    const entry = session?.sockets.get(socketId);
    if (!session || !entry?.listed || entry.isTyping === isTyping) return;
    entry.isTyping = isTyping;
    this.changed(sessionId, session, entry.participantId);
  }

  /** Does nothing when the socket is not attached. */
  detach(sessionId: string, socketId: string): void {
    const session = this.sessions.get(sessionId);
    const entry = session?.sockets.get(socketId);
    if (!session || !entry) return;
    session.sockets.delete(socketId);
    if (!entry.listed) {
      if (session.sockets.size === 0 && session.announced.size === 0 && session.changed.size === 0) {
        this.sessions.delete(sessionId);
      }
      return;
    }
    const sockets = session.socketsOf.get(entry.participantId);
    sockets?.delete(socketId);
    if (sockets?.size === 0) session.socketsOf.delete(entry.participantId);
    this.changed(sessionId, session, entry.participantId);
  }

  /** The participants with at least one socket attached to the session on this process. */
  participants(sessionId: string): string[] {
    return [...(this.sessions.get(sessionId)?.socketsOf.keys() ?? [])];
  }

  /** Sessions with at least one socket on this process. */
  activeSessions(): string[] {
    return [...this.sessions].filter(([, session]) => session.sockets.size > 0).map(([sessionId]) => sessionId);
  }

  /**
   * The online list as the room was last told, for a join answer: the deltas the joining socket
   * receives from then on continue exactly from it. Read it after the socket is in the room and
   * synchronously with the answer, so no delta falls between the two.
   */
  announced(sessionId: string): PresenceEntry[] {
    const announced = this.sessions.get(sessionId)?.announced ?? new Map<string, boolean>();
    return [...announced].slice(0, Limits.presenceEntries).map(([participantId, isTyping]) => ({
      participantId,
      isTyping,
    }));
  }

  /** Stops the timers: pending changes go with the connections that are closing. */
  close(): void {
    for (const session of this.sessions.values()) clearTimeout(session.timer);
  }

  private open(sessionId: string): SessionPresence {
    const session: SessionPresence = {
      sockets: new Map(),
      socketsOf: new Map(),
      announced: new Map(),
      changed: new Set(),
      timer: undefined,
    };
    this.sessions.set(sessionId, session);
    return session;
  }

  private changed(sessionId: string, session: SessionPresence, participantId: string): void {
    session.changed.add(participantId);
    if (this.options.intervalMs <= 0) {
      this.flush(sessionId);
    } else if (session.timer === undefined) {
      session.timer = setTimeout(() => this.flush(sessionId), this.options.intervalMs);
      session.timer.unref();
    }
  }

  /** Compares each changed participant with what was announced, and publishes the difference. */
  private flush(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    clearTimeout(session.timer);
    session.timer = undefined;
    const joined: PresenceEntry[] = [];
    const left: string[] = [];
    const typing: PresenceEntry[] = [];
    for (const participantId of session.changed) {
      const sockets = session.socketsOf.get(participantId);
      const was = session.announced.get(participantId);
      if (!sockets) {
        if (was === undefined) continue;
        session.announced.delete(participantId);
        left.push(participantId);
        continue;
      }
      const isTyping = [...sockets].some((socketId) => session.sockets.get(socketId)?.isTyping === true);
      if (was === isTyping) continue;
      session.announced.set(participantId, isTyping);
      (was === undefined ? joined : typing).push({ participantId, isTyping });
    }
    session.changed.clear();
    if (session.sockets.size === 0 && session.announced.size === 0) this.sessions.delete(sessionId);
    const size = Limits.presenceEntries;
    for (let from = 0; from < Math.max(joined.length, left.length, typing.length); from += size) {
      this.options.publish({
        sessionId,
        joined: joined.slice(from, from + size),
        left: left.slice(from, from + size),
        typing: typing.slice(from, from + size),
      });
    }
  }
}
