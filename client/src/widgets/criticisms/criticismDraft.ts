import { criticismCategories, severities } from '../../lib/labels';
import type { CriticismCategory, Severity } from '@plenum/shared';

/** What an official has typed into the criticism form and not yet posted. */
export interface CriticismDraft {
  category: CriticismCategory;
  severity: Severity;
  indicatorId: string;
  text: string;
}

/** Where a draft is kept: one per participant, session and agenda item. */
export interface DraftPlace {
  sessionId: string;
  participantId: string;
  itemId: string;
}

export const emptyDraft: CriticismDraft = { category: 'shortfall', severity: 'medium', indicatorId: '', text: '' };

function keyOf({ sessionId, participantId, itemId }: DraftPlace): string {
  return `plenum:criticism-draft:${sessionId}:${participantId}:${itemId}`;
}

// Storage may be disabled or full: a draft then lives only as long as the page.
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The draft kept for `place`, or the empty one; anything unreadable counts as no draft. */
export function loadDraft(place: DraftPlace): CriticismDraft {
  try {
    const raw = storage()?.getItem(keyOf(place));
    if (!raw) return emptyDraft;
    const value = JSON.parse(raw) as Partial<Record<keyof CriticismDraft, unknown>>;
    return {
      category: criticismCategories.find((c) => c === value.category) ?? emptyDraft.category,
      severity: severities.find((s) => s === value.severity) ?? emptyDraft.severity,
      indicatorId: typeof value.indicatorId === 'string' ? value.indicatorId : '',
      text: typeof value.text === 'string' ? value.text : '',
    };
  } catch {
    return emptyDraft;
  }
}

/** Keeps `draft` for `place` on this device; an untouched form keeps nothing. */
export function saveDraft(place: DraftPlace, draft: CriticismDraft): void {
  try {
    const isEmpty =
      draft.text === '' &&
      draft.indicatorId === '' &&
      draft.category === emptyDraft.category &&
      draft.severity === emptyDraft.severity;
    if (isEmpty) storage()?.removeItem(keyOf(place));
    else storage()?.setItem(keyOf(place), JSON.stringify(draft));
  } catch {
    // Not kept; the form still holds it.
  }
}

/** Forgets the draft of `place` once its criticism is posted, unless a new one was begun since. */
export function clearPostedDraft(place: DraftPlace, postedText: string): void {
  if (loadDraft(place).text.trim() !== postedText) return;
  try {
    storage()?.removeItem(keyOf(place));
  } catch {
    // Nothing kept to forget.
  }
}
