import type { SessionEvent } from '@plenum/shared';

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
