import { Limits, type PresenceChanged, type PresenceEntry } from '@plenum/shared';

/**
 * How long presence changes of a session are gathered before the room hears of them. Seating a
 * room of N people then costs each member one message per interval instead of one per arrival
 * (N² messages, each carrying the whole list, before); half a second is still immediate for
 * "who is here" and for a typing marker.
 */
export const defaultPresenceIntervalMs = 500;

/**
 * One process's own participants of a session, as it shares them with the other processes:
 * the whole list each time (an empty one when none is left), so a lost message is mended by
 * the next one.
 */
export interface PresenceShare {
  processId: string;
  sessionId: string;
  /** Participant id and whether any of its sockets on that process is typing. */
  participants: [string, boolean][];
}

interface RemotePresence {
  participants: Map<string, boolean>;
  /** When it was received, on this process's monotonic clock. */
  receivedAt: number;
}

interface SessionPresence {
  /** Socket id → its participant, whether it is typing, and whether it is listed (see {@link Presence.attach}). */
  sockets: Map<string, { participantId: string; isTyping: boolean; listed: boolean }>;
  /** Participant id → its sockets attached to the session on this process. */
  socketsOf: Map<string, Set<string>>;
  /** Process id → its participants of the session, as it last shared them. */
  remote: Map<string, RemotePresence>;
  /** What this process's sockets in the room were last told: participant id → typing. */
  announced: Map<string, boolean>;
  /** Participants whose state may differ from `announced`. */
  changed: Set<string>;
  /** This process's own participants changed since it last shared them. */
  isShareDue: boolean;
  timer: NodeJS.Timeout | undefined;
}

export interface PresenceOptions {
  /** Changes are gathered this long and then published together; 0 publishes each at once. */
  intervalMs: number;
  /** Sends one delta to this process's sockets of the session's presence room. */
  publish: (change: PresenceChanged) => void;
  /** With several processes: sends this process's participants of a session to the others. */
  share?: (share: PresenceShare) => void;
  /** This process's id among those sharing presence. */
  processId?: string;
  /** Monotonic milliseconds, for the age of what other processes shared. */
  now?: () => number;
}

/**
 * Who is connected to each session, and whether they are typing. Ephemeral: never persisted,
 * never in the log. A participant is online while any of their sockets is attached, on any
 * process; changes are published as participant-level deltas, at most one per interval and
 * session (trailing edge), and a joining socket gets the announced list in its join answer.
 *
 * With several processes, each keeps the whole room's view: its own sockets, and the lists
 * the other processes share (`share`, {@link receive}) whenever theirs change and at every
 * heartbeat ({@link refresh}). Each process tells only its own sockets, from that view, so a
 * participant with sockets on two processes stays online when one closes, and a chair sees
 * the participants of every process. A process that stops sharing (killed, or cut off from
 * Redis) is forgotten after {@link Presence.expiryBeats} heartbeats.
 */
export class Presence {
  /** Heartbeats without news after which another process's list is dropped. */
  static readonly expiryBeats = 3;

  private readonly sessions = new Map<string, SessionPresence>();
  private readonly processId: string;
  private readonly now: () => number;

  constructor(private readonly options: PresenceOptions) {
    this.processId = options.processId ?? 'local';
    this.now = options.now ?? (() => performance.now());
  }

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
    this.changedHere(sessionId, session, participantId);
    return true;
  }

  /** Does nothing when the socket is not attached or already in that state. */
  setTyping(sessionId: string, socketId: string, isTyping: boolean): void {
    const session = this.sessions.get(sessionId);
    const entry = session?.sockets.get(socketId);
    if (!session || !entry?.listed || entry.isTyping === isTyping) return;
    entry.isTyping = isTyping;
    this.changedHere(sessionId, session, entry.participantId);
  }

  /** Does nothing when the socket is not attached. */
  detach(sessionId: string, socketId: string): void {
    const session = this.sessions.get(sessionId);
    const entry = session?.sockets.get(socketId);
    if (!session || !entry) return;
    session.sockets.delete(socketId);
    if (!entry.listed) {
      this.forgetIfIdle(sessionId, session);
      return;
    }
    const sockets = session.socketsOf.get(entry.participantId);
    sockets?.delete(socketId);
    if (sockets?.size === 0) session.socketsOf.delete(entry.participantId);
    this.changedHere(sessionId, session, entry.participantId);
  }

  /** Takes another process's list of a session's participants, replacing its previous one. */
  receive(share: PresenceShare): void {
    if (share.processId === this.processId) return;
    const session = this.sessions.get(share.sessionId) ?? this.open(share.sessionId);
    const before = session.remote.get(share.processId)?.participants;
    const participants = new Map(share.participants);
    if (participants.size > 0) session.remote.set(share.processId, { participants, receivedAt: this.now() });
    else session.remote.delete(share.processId);
    for (const participantId of new Set([...(before?.keys() ?? []), ...participants.keys()])) {
      if (before?.get(participantId) !== participants.get(participantId)) {
        this.changed(share.sessionId, session, participantId);
      }
    }
    this.forgetIfIdle(share.sessionId, session);
  }

  /**
   * At every heartbeat: shares this process's list of each session it serves again (so a
   * process that missed one, or started since, learns it), and drops the lists of processes
   * not heard from for {@link Presence.expiryBeats} beats of `heartbeatMs`.
   */
  refresh(heartbeatMs: number): void {
    this.shareAll();
    const oldest = this.now() - Presence.expiryBeats * heartbeatMs;
    for (const [sessionId, session] of [...this.sessions]) {
      for (const [processId, remote] of [...session.remote]) {
        if (remote.receivedAt >= oldest) continue;
        session.remote.delete(processId);
        for (const participantId of remote.participants.keys()) this.changed(sessionId, session, participantId);
      }
      this.forgetIfIdle(sessionId, session);
    }
  }

  /** Shares this process's list of every session it serves, e.g. for a process that just started. */
  shareAll(): void {
    for (const [sessionId, session] of this.sessions) if (session.socketsOf.size > 0) this.share(sessionId, session);
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
      remote: new Map(),
      announced: new Map(),
      changed: new Set(),
      isShareDue: false,
      timer: undefined,
    };
    this.sessions.set(sessionId, session);
    return session;
  }

  /** A session nobody here is attached to or told of is dropped (after its last flush). */
  private forgetIfIdle(sessionId: string, session: SessionPresence): void {
    if (
      session.sockets.size === 0 &&
      session.remote.size === 0 &&
      session.announced.size === 0 &&
      session.changed.size === 0 &&
      !session.isShareDue
    ) {
      clearTimeout(session.timer);
      this.sessions.delete(sessionId);
    }
  }

  private share(sessionId: string, session: SessionPresence): void {
    session.isShareDue = false;
    if (!this.options.share) return;
    const participants = [...session.socketsOf].map(([participantId, sockets]): [string, boolean] => [
      participantId,
      [...sockets].some((socketId) => session.sockets.get(socketId)?.isTyping === true),
    ]);
    this.options.share({ processId: this.processId, sessionId, participants });
  }

  /** A change of this process's own sockets, which the other processes are told of too. */
  private changedHere(sessionId: string, session: SessionPresence, participantId: string): void {
    session.isShareDue = true;
    this.changed(sessionId, session, participantId);
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
    if (session.isShareDue) this.share(sessionId, session);
    const joined: PresenceEntry[] = [];
    const left: string[] = [];
    const typing: PresenceEntry[] = [];
    for (const participantId of session.changed) {
      const isTyping = this.typingAnywhere(session, participantId);
      const was = session.announced.get(participantId);
      if (isTyping === undefined) {
        if (was === undefined) continue;
        session.announced.delete(participantId);
        left.push(participantId);
        continue;
      }
      if (was === isTyping) continue;
      session.announced.set(participantId, isTyping);
      (was === undefined ? joined : typing).push({ participantId, isTyping });
    }
    session.changed.clear();
    this.forgetIfIdle(sessionId, session);
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

  /** Whether the participant is typing on any process; undefined when it is online on none. */
  private typingAnywhere(session: SessionPresence, participantId: string): boolean | undefined {
    const here = session.socketsOf.get(participantId);
    let isTyping = here ? [...here].some((socketId) => session.sockets.get(socketId)?.isTyping === true) : undefined;
    for (const remote of session.remote.values()) {
      const there = remote.participants.get(participantId);
      if (there !== undefined) isTyping = isTyping === true || there;
    }
    return isTyping;
  }
}
