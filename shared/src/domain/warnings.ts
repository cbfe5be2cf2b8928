import { unitStandings } from './comparisons.js';
import type { Participant } from '../protocol/index.js';
import type { DirectiveState, SessionState } from './state.js';

/** A warning the session's figures call for, awaiting the chair's decision. */
export interface ProposedWarning {
  unitId: string;
  fulfilment: number;
  threshold: number;
}

/**
 * Units under the production threshold that have neither a warning issued in this session nor
 * a waiver: what the chair must decide before closing.
 */
export function proposedWarnings(state: SessionState): ProposedWarning[] {
  const threshold = state.definition?.thresholds.warningBelow ?? 0.7;
  const decided = new Set([
    ...Object.keys(state.waivers),
    ...Object.values(state.warnings)
      .filter((w) => w.sessionId === state.sessionId)
      .map((w) => w.unitId),
  ]);
  return unitStandings(state).flatMap((s) =>
    s.isUnderThreshold && s.production !== null && !decided.has(s.unit.id)
      ? [{ unitId: s.unit.id, fulfilment: s.production, threshold }]
      : [],
  );
}

/** Directives not yet done: they carry into the next period's session. */
export function isDirectiveOpen(directive: DirectiveState): boolean {
  return directive.status !== 'closed' && directive.status !== 'accepted';
}

/** True when an open directive is past its due date (`today` as YYYY-MM-DD). */
export function isOverdue(directive: DirectiveState, today: string): boolean {
  return isDirectiveOpen(directive) && directive.dueDate < today;
}

/** The chain of units from `unitId` up to the top of the hierarchy, `unitId` first. */
export function lineOf(state: SessionState, unitId: string): string[] {
  const chain: string[] = [];
  let current: string | null = unitId;
  while (current !== null && !chain.includes(current)) {
    chain.push(current);
    current = state.units[current]?.parentId ?? null;
  }
  return chain;
}

/** True once an explanation has climbed to the level that ordered it; other kinds arrive at once. */
export function hasArrived(state: SessionState, directive: DirectiveState): boolean {
  if (directive.kind !== 'explain-failure') return true;
  const top = directive.orderedByUnitId ?? lineOf(state, directive.assigneeUnitId).at(-1) ?? null;
  return directive.holderUnitId === top;
}

/** The chair acts for any level; anyone else only for the unit their invitation names. */
export function actsForUnit(participant: Participant, unitId: string): boolean {
  return participant.role === 'chair' || participant.unitId === unitId;
}
