import { z } from 'zod';
import { CommandSchema } from './commands.js';
import { SessionEventSchema } from './events.js';
import { IdSchema, InstantSchema, Limits } from './schemas/common.js';
import { ParticipantSchema } from './schemas/participant.js';

/**
 * The socket channels: few, each with one payload object. Requests (client → server) are
 * acknowledged with an `Ack`; broadcasts (server → client) are not.
 */

/** One online participant: ephemeral presence, never logged. */
export const PresenceEntrySchema = z.object({
  participantId: IdSchema,
  /** Typing a criticism on any of their sockets. */
  isTyping: z.boolean(),
});
export type PresenceEntry = z.infer<typeof PresenceEntrySchema>;

/** Client → server: attach to a session and fetch the events after `afterSeq` (P4). */
export const SessionJoinRequestSchema = z.object({
  sessionId: IdSchema,
  /** The last `seq` the client has applied; 0 for none. */
  afterSeq: z.number().int().min(0),
  /** At most this many events in the answer; the client asks again while `hasMore`. */
  limit: z.number().int().min(1).max(Limits.pageSize).optional(),
  /**
   * The `stateVersion` of the client's reducer: the answer may then carry the session's saved
   * state instead of the events it folds (P26). Absent: events only.
   */
  stateVersion: z.number().int().min(0).optional(),
});
export type SessionJoinRequest = z.infer<typeof SessionJoinRequestSchema>;

/**
 * The session's folded state after `seq`, as the server last saved it (P26): the JSON text of a
 * `SessionState`, UTF-8 encoded, sent as a binary attachment so that it is neither parsed nor
 * escaped again on its way. A browser receives an `ArrayBuffer`, Node a `Uint8Array` (`Buffer`).
 */
export const SavedStateSchema = z.object({
  seq: z.number().int().min(1),
  value: z.custom<Uint8Array | ArrayBuffer>(
    (value) => value instanceof ArrayBuffer || value instanceof Uint8Array,
    'Expected the state as bytes',
  ),
});
export type SavedState = z.infer<typeof SavedStateSchema>;

/** The answer to `session:join`: one page of the log and who the client is. */
export const SessionJoinResultSchema = z.object({
  sessionId: IdSchema,
  /** Identity of this log; a change means the log was restored and the client must start over (P6). */
  epoch: z.string(),
  /** The last `seq` of the log when the page was read. */
  headSeq: z.number().int().min(0),
  /**
   * The session's saved state, when the client asked with its `stateVersion` and folding it
   * from the log would take more than a page (P26); the events then follow `state.seq`.
   */
  state: SavedStateSchema.optional(),
  /** Events with `afterSeq < seq` (or `state.seq < seq` with a state), ascending, dense. */
  events: z.array(SessionEventSchema),
  /** True when more events follow this page. */
  hasMore: z.boolean(),
  /** The participant the invitation makes of this client. */
  you: ParticipantSchema,
  /** The server's clock, to derive timers from absolute times. */
  serverTime: InstantSchema,
  /**
   * Who is online, as the room was last told; `presence:changed` deltas continue from here
   * (the joining participant appears in the next one). Only for roles that see presence
   * (`seesPresence`), in the answer to a connection's first join: the later pages of a
   * catch-up continue from it too.
   */
  online: z.array(PresenceEntrySchema).max(Limits.presenceEntries).optional(),
});
export type SessionJoinResult = z.infer<typeof SessionJoinResultSchema>;

/** Client → server: the one command entry. */
export const CommandRequestSchema = z.object({
  /** Chosen by the client; a retry reuses it and receives the first answer (P2). */
  commandId: z
    .string()
    .min(8)
    .max(Limits.idLength)
    .regex(/^[A-Za-z0-9_-]+$/),
  sessionId: IdSchema,
  command: CommandSchema,
});
export type CommandRequest = z.infer<typeof CommandRequestSchema>;
export type CommandRequestInput = z.input<typeof CommandRequestSchema>;

/** The answer to a command: the `seq` of the last event it appended. */
export const CommandResultSchema = z.object({ seq: z.number().int().min(1) });
export type CommandResult = z.infer<typeof CommandResultSchema>;

/** Server → client: events just committed, in `seq` order. */
export const SessionEventsMessageSchema = z.object({
  sessionId: IdSchema,
  events: z.array(SessionEventSchema),
});
export type SessionEventsMessage = z.infer<typeof SessionEventsMessageSchema>;

/** Server → client, periodic: the head of the log, so a client that missed an event notices (P5). */
export const SessionHeadMessageSchema = z.object({
  sessionId: IdSchema,
  epoch: z.string(),
  headSeq: z.number().int().min(0),
});
export type SessionHeadMessage = z.infer<typeof SessionHeadMessageSchema>;

/** Why the server ends a participant's connections to a session (P8). */
export const AccessEndedReasonSchema = z.enum([
  /** The invitation was revoked (or replaced by a reissued link): this link no longer opens the session. */
  'revoked',
  /** The invitation's expiry passed. */
  'expired',
  /** The invitation's role or unit changed: connect again to act with the new one. */
  'changed',
]);
export type AccessEndedReason = z.infer<typeof AccessEndedReasonSchema>;

/**
 * Server → client, just before the server disconnects every socket of the participant: why, so
 * the screen can say it (and, for `changed`, connect again) instead of "the server closed the
 * connection".
 */
export const SessionAccessEndedSchema = z.object({ reason: AccessEndedReasonSchema });
export type SessionAccessEnded = z.infer<typeof SessionAccessEndedSchema>;

/** Client → server, volatile: ephemeral presence, never logged. */
export const PresenceUpdateSchema = z.object({
  sessionId: IdSchema,
  /** The client is typing a criticism. */
  isTyping: z.boolean(),
});
export type PresenceUpdate = z.infer<typeof PresenceUpdateSchema>;

/**
 * Server → client, at most once per presence interval and session: what changed since the
 * last message, per participant (online while at least one of their sockets is). Applied in
 * order on top of the join answer's `online`; a participant appears in at most one list.
 */
export const PresenceChangedSchema = z.object({
  sessionId: IdSchema,
  /** Participants who came online. */
  joined: z.array(PresenceEntrySchema).max(Limits.presenceEntries),
  /** Participants whose last socket left. */
  left: z.array(IdSchema).max(Limits.presenceEntries),
  /** Participants already online whose typing changed. */
  typing: z.array(PresenceEntrySchema).max(Limits.presenceEntries),
});
export type PresenceChanged = z.infer<typeof PresenceChangedSchema>;

/** What a client sends in the socket.io handshake `auth`. */
export const HandshakeAuthSchema = z.object({
  protocolVersion: z.number().int(),
  /** The invitation token from the invite link. */
  token: z.string().min(1).max(200),
  /**
   * The session to open. An administrator's link is the organisation's and opens any of its
   * sessions, so it must name one; a session invitation names its own session and ignores this.
   */
  sessionId: IdSchema.optional(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuthSchema>;

/** The `data` of a refused handshake (`connect_error`), so the UI can explain it. */
export const HandshakeErrorDataSchema = z.object({
  code: z.enum(['UNAUTHENTICATED', 'INCOMPATIBLE_PROTOCOL', 'FORBIDDEN', 'RATE_LIMITED']),
  message: z.string(),
  serverProtocolVersion: z.number().int().optional(),
});
export type HandshakeErrorData = z.infer<typeof HandshakeErrorDataSchema>;
