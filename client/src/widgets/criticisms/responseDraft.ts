import { keep, readKept } from '../../lib/keptOnDevice';

/** Where a presenter's unsent answer is kept: one per participant, session and criticism. */
export interface ResponseDraftPlace {
  sessionId: string;
  participantId: string;
  criticismId: string;
}

function keyOf({ sessionId, participantId, criticismId }: ResponseDraftPlace): string {
  return `plenum:response-draft:${sessionId}:${participantId}:${criticismId}`;
}

/** The answer kept for `place`, or an empty one; anything unreadable counts as none. */
export function loadResponseDraft(place: ResponseDraftPlace): string {
  return readKept(keyOf(place)) ?? '';
}

/** Keeps `text` for `place` on this device; an emptied answer keeps nothing. */
export function saveResponseDraft(place: ResponseDraftPlace, text: string): void {
  keep(keyOf(place), text === '' ? null : text);
}

/** Forgets the answer kept for `place` once it is sent, unless a new one was begun since. */
export function clearSentResponseDraft(place: ResponseDraftPlace, sentText: string): void {
  if (loadResponseDraft(place).trim() !== sentText) return;
  saveResponseDraft(place, '');
}
