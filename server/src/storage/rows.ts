import type { Participant, SessionEvent } from '@plenum/shared';
import type { Checkpoint } from '../chain/checkpoint.js';
import type { ChainedEvent } from '../chain/hash.js';
import type { InvitationRecord } from '../domain/ports.js';

/** An event as both SQL stores keep it: the payload as JSON text, exactly as written. */
export interface EventRow {
  session_id: string;
  seq: number;
  at: string;
  actor_id: string;
  type: string;
  payload: string;
}

/** The logged event a row holds. Rows are trusted: only `append` wrote them, after validation. */
export function toEvent(row: EventRow): SessionEvent {
  return {
    seq: row.seq,
    sessionId: row.session_id,
    at: row.at,
    actorId: row.actor_id,
    type: row.type,
    payload: JSON.parse(row.payload) as unknown,
  } as SessionEvent;
}

/** An event row with its chain hash (null only if written outside the store, never by `append`). */
export interface ChainedEventRow extends EventRow {
  hash: string | null;
}

/** The event a row holds with its chain hash; a missing hash reads as empty, which no link matches. */
export function toChainedEvent(row: ChainedEventRow): ChainedEvent {
  return { event: toEvent(row), hash: row.hash ?? '' };
}

/** A signed checkpoint as both SQL stores keep it. */
export interface CheckpointRow {
  session_id: string;
  seq: number;
  head_hash: string;
  at: string;
  key_id: string;
  signature: string;
}

export function toCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    sessionId: row.session_id,
    seq: row.seq,
    headHash: row.head_hash,
    at: row.at,
    keyId: row.key_id,
    signature: row.signature,
  };
}

/** An invitation as both SQL stores keep it: the participant as JSON (text in SQLite, parsed by PostgreSQL). */
export interface InvitationRow {
  token_hash: string;
  session_id: string;
  participant: string | Participant;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  email: string | null;
}

/**
 * The values of an invitation's row in the column order both stores insert: token_hash,
 * session_id, participant, participant_id, created_at, expires_at, revoked_at, email.
 */
export function invitationValues(record: InvitationRecord) {
  return [
    record.tokenHash,
    record.sessionId,
    JSON.stringify(record.participant),
    record.participant.id,
    record.createdAt,
    record.expiresAt,
    record.revokedAt,
    record.email ?? null,
  ] as const;
}

/** The invitation a row holds. */
export function toInvitation(row: InvitationRow): InvitationRecord {
  return {
    tokenHash: row.token_hash,
    sessionId: row.session_id,
    participant: typeof row.participant === 'string' ? (JSON.parse(row.participant) as Participant) : row.participant,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    ...(row.email !== null && { email: row.email }),
  };
}
