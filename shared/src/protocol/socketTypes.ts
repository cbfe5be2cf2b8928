import type { z } from 'zod';
import type { Ack } from './ack.js';
import type {
  CommandRequestSchema,
  CommandResult,
  PresenceChanged,
  PresenceUpdateSchema,
  SessionAccessEnded,
  SessionEventsMessage,
  SessionHeadMessage,
  SessionJoinRequestSchema,
  SessionJoinResult,
} from './channels.js';
import type { NotificationMessage } from './notifications.js';
import type { Participant } from './schemas/participant.js';

/**
 * Requests a client may emit, derived from the channel schemas: `z.input` for what a sender
 * passes. The server validates each with its schema before a handler sees it.
 */
export interface ClientToServerEvents {
  'session:join': (
    request: z.input<typeof SessionJoinRequestSchema>,
    ack: (answer: Ack<SessionJoinResult>) => void,
  ) => void;
  command: (request: z.input<typeof CommandRequestSchema>, ack: (answer: Ack<CommandResult>) => void) => void;
  'presence:update': (update: z.input<typeof PresenceUpdateSchema>) => void;
}

/** Messages the server emits. */
export interface ServerToClientEvents {
  'session:events': (message: SessionEventsMessage) => void;
  'session:head': (message: SessionHeadMessage) => void;
  'presence:changed': (message: PresenceChanged) => void;
  'session:access-ended': (message: SessionAccessEnded) => void;
  'notification:new': (message: NotificationMessage) => void;
}

/** No server-to-server events. */
export type InterServerEvents = Record<string, never>;

/** What the handshake establishes for a socket: who it is, from the invitation. */
export interface SocketData {
  sessionId: string;
  participant: Participant;
  /** Hash of the invitation token, so every command re-checks that it is still valid. */
  invitationHash: string;
}
