import type { DirectiveKind } from '@plenum/shared';
import { keep, readKept } from '../../lib/keptOnDevice';
import { directiveKinds } from '../../lib/labels';

/** What the chair has typed into a directive form and not yet issued. */
export interface DirectiveDraft {
  kind: DirectiveKind;
  assigneeUnitId: string;
  /** Who carries out an inspection (`inspector:<id>` or `office:<unit id>`); null: the form's first choice. */
  inspectionBy: string | null;
  dueDate: string;
  title: string;
  text: string;
}

/** Where a draft is kept: one per session, chair and form (e.g. `decisions`, the Decisions tab's). */
export interface DirectiveDraftPlace {
  sessionId: string;
  participantId: string;
  form: string;
}

function keyOf({ sessionId, participantId, form }: DirectiveDraftPlace): string {
  return `plenum:directive-draft:${sessionId}:${participantId}:${form}`;
}

// The kinds from the labels' list, not the protocol's schema module, which would bring zod onto the floor.
const kinds = new Set<string>(directiveKinds);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The draft kept for `place`, or null; anything unreadable counts as no draft. */
export function loadDirectiveDraft(place: DirectiveDraftPlace): DirectiveDraft | null {
  const raw = readKept(keyOf(place));
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof DirectiveDraft, unknown>>;
    if (typeof value.kind !== 'string' || !kinds.has(value.kind)) return null;
    return {
      kind: value.kind as DirectiveKind,
      assigneeUnitId: text(value.assigneeUnitId),
      inspectionBy: typeof value.inspectionBy === 'string' ? value.inspectionBy : null,
      dueDate: text(value.dueDate),
      title: text(value.title),
      text: text(value.text),
    };
  } catch {
    return null;
  }
}

/** Keeps `draft` for `place` on this device; one with no title and no text keeps nothing. */
export function saveDirectiveDraft(place: DirectiveDraftPlace, draft: DirectiveDraft): void {
  const isEmpty = draft.title.trim() === '' && draft.text.trim() === '';
  keep(keyOf(place), isEmpty ? null : JSON.stringify(draft));
}

/** Forgets the draft of `place`: it was issued, or the chair discarded it. */
export function forgetDirectiveDraft(place: DirectiveDraftPlace): void {
  keep(keyOf(place), null);
}
