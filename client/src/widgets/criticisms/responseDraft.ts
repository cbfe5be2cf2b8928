/** Where a presenter's unsent answer is kept: one per participant, session and criticism. */
export interface ResponseDraftPlace {
  sessionId: string;
  participantId: string;
  criticismId: string;
}

function keyOf({ sessionId, participantId, criticismId }: ResponseDraftPlace): string {
  return `plenum:response-draft:${sessionId}:${participantId}:${criticismId}`;
}

// Storage may be disabled or full: a draft then lives only as long as the page.
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The answer kept for `place`, or an empty one; anything unreadable counts as none. */
export function loadResponseDraft(place: ResponseDraftPlace): string {
  try {
    return storage()?.getItem(keyOf(place)) ?? '';
  } catch {
    return '';
  }
}

/** Keeps `text` for `place` on this device; an emptied answer keeps nothing. */
export function saveResponseDraft(place: ResponseDraftPlace, text: string): void {
  try {
    if (text === '') storage()?.removeItem(keyOf(place));
    else storage()?.setItem(keyOf(place), text);
  } catch {
    // Not kept; the open form still holds it.
  }
}

/** Forgets the answer kept for `place` once it is sent, unless a new one was begun since. */
export function clearSentResponseDraft(place: ResponseDraftPlace, sentText: string): void {
  if (loadResponseDraft(place).trim() !== sentText) return;
  saveResponseDraft(place, '');
}
