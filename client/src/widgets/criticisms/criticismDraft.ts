import { keep, readKept } from '../../lib/keptOnDevice';
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

/** The draft kept for `place`, or the empty one; anything unreadable counts as no draft. */
export function loadDraft(place: DraftPlace): CriticismDraft {
  const raw = readKept(keyOf(place));
  if (!raw) return emptyDraft;
  try {
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
  const isEmpty =
    draft.text === '' &&
    draft.indicatorId === '' &&
    draft.category === emptyDraft.category &&
    draft.severity === emptyDraft.severity;
  keep(keyOf(place), isEmpty ? null : JSON.stringify(draft));
}

/** Forgets the draft of `place`: the official discarded it, or carried its text elsewhere. */
export function forgetDraft(place: DraftPlace): void {
  keep(keyOf(place), null);
}

/** Forgets the draft of `place` once its criticism is posted, unless a new one was begun since. */
export function clearPostedDraft(place: DraftPlace, postedText: string): void {
  if (loadDraft(place).text.trim() === postedText) keep(keyOf(place), null);
}
