import { keep, readKept } from '../../lib/keptOnDevice';
import { indicatorDirections } from '../../lib/labels';
import type { IndicatorDraft } from '../../widgets/reports/indicatorDraft';

/** A report being edited and not yet submitted: its rows, the note, and the revision it began from. */
export interface ReportDraft {
  drafts: IndicatorDraft[];
  note: string;
  baseRevision: number | null;
}

/** Where a draft is kept: one per participant, session and unit. */
export interface ReportDraftPlace {
  sessionId: string;
  participantId: string;
  unitId: string;
}

function keyOf({ sessionId, participantId, unitId }: ReportDraftPlace): string {
  return `plenum:report-draft:${sessionId}:${participantId}:${unitId}`;
}

const textFields = ['key', 'name', 'measure', 'planned', 'reported', 'weight', 'previous'] as const;

function isRow(value: unknown): value is IndicatorDraft {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  return (
    textFields.every((field) => typeof row[field] === 'string') &&
    typeof row.isProduction === 'boolean' &&
    indicatorDirections.some((direction) => direction === row.direction) &&
    (row.id === null || typeof row.id === 'string') &&
    (row.partOf === null || typeof row.partOf === 'string')
  );
}

/** The draft kept for `place`, or null; anything unreadable counts as none. */
export function loadReportDraft(place: ReportDraftPlace): ReportDraft | null {
  const raw = readKept(keyOf(place));
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof ReportDraft, unknown>>;
    const { drafts, note, baseRevision } = value;
    if (!Array.isArray(drafts) || !drafts.every(isRow) || typeof note !== 'string') return null;
    if (baseRevision !== null && typeof baseRevision !== 'number') return null;
    return { drafts, note, baseRevision };
  } catch {
    return null;
  }
}

/** Keeps `draft` for `place` on this device; null forgets it (submitted, or set back to the report). */
export function saveReportDraft(place: ReportDraftPlace, draft: ReportDraft | null): void {
  keep(keyOf(place), draft === null ? null : JSON.stringify(draft));
}
