import type { DirectiveStep, OrganisationUnit } from '../protocol/index.js';
import type { DirectiveState, SessionState, WarningState } from './state.js';
import { directiveUnitId, isDirectiveOpen, lineOf } from './warnings.js';

/**
 * The units a level's follow-up session (a cascade) holds, taken from the higher session: the
 * level's own unit and every unit below it, then the line above it, so that explanations can
 * climb to the ordering level and every name still shows.
 */
export function cascadeUnits(upper: SessionState, unitId: string): OrganisationUnit[] {
  const below = upper.unitOrder.filter((id) => lineOf(upper, id).includes(unitId));
  const above = lineOf(upper, unitId).slice(1);
  return [...below, ...above].map((id) => upper.units[id]!);
}

/**
 * The levels of a session that may convene their own follow-up of it: every unit but the
 * organiser (which convened the review itself) and the top, with units below it to follow up.
 */
export function followUpLevels(
  units: readonly OrganisationUnit[],
  organiserUnitId: string | null | undefined,
): OrganisationUnit[] {
  const parents = new Set(units.map((unit) => unit.parentId));
  return units.filter((unit) => unit.parentId !== null && unit.id !== organiserUnitId && parents.has(unit.id));
}

/** True when `unitId` is strictly below `levelUnitId` in the session's hierarchy. */
function isBelow(state: SessionState, unitId: string, levelUnitId: string): boolean {
  return unitId !== levelUnitId && lineOf(state, unitId).includes(levelUnitId);
}

/**
 * What of a closed higher session comes down to a level's follow-up: the directives still open
 * about units below the level, and the open warnings to them. The level's own directives and
 * warnings stay with the higher session, where the level answers for itself.
 */
export function cascadeOf(
  upper: SessionState,
  unitId: string,
): { directives: DirectiveState[]; warnings: WarningState[] } {
  return {
    directives: upper.directiveOrder
      .map((id) => upper.directives[id]!)
      .filter((d) => isDirectiveOpen(d) && isBelow(upper, directiveUnitId(d), unitId)),
    warnings: upper.warningOrder
      .map((id) => upper.warnings[id]!)
      .filter((w) => w.status === 'open' && isBelow(upper, w.unitId, unitId)),
  };
}

/**
 * True when a directive that came down in a cascade is held above this session's level: its
 * explanation has left for the higher session's record, where that level forwards or reviews it.
 */
export function hasLeftLevel(state: SessionState, directive: DirectiveState): boolean {
  const organiser = state.definition?.organiserUnitId ?? null;
  if (!directive.cascadedFromSessionId || organiser === null) return false;
  return lineOf(state, organiser).slice(1).includes(directive.holderUnitId);
}

/** An explanation that left this level and is still to be relayed into the higher session's record. */
export interface PendingRelay {
  directiveId: string;
  /** The higher session it goes to. */
  toSessionId: string;
  /** The steps taken here since the last relay, each level's remarks among them. */
  steps: DirectiveStep[];
  /** The unit holding it once relayed: the level above this session's. */
  holderUnitId: string;
  /** `steps.length` of the directive once relayed: with the session and directive, the relay's key. */
  sentUpSteps: number;
}

/**
 * The explanations of this session that the level forwarded out of it (its organiser passed them
 * to the level above) and whose steps the higher session's record does not hold yet.
 */
export function pendingRelays(state: SessionState): PendingRelay[] {
  const organiser = state.definition?.organiserUnitId ?? null;
  if (organiser === null) return [];
  const pending: PendingRelay[] = [];
  for (const id of state.directiveOrder) {
    const directive = state.directives[id]!;
    const toSessionId = directive.cascadedFromSessionId;
    if (!toSessionId || !hasLeftLevel(state, directive)) continue;
    const from = directive.sentUpSteps ?? 0;
    const out = directive.steps.findLastIndex(
      (step) => step.action === 'forwarded' && step.unitId === organiser && !step.fromSessionId,
    );
    if (out < from) continue;
    pending.push({
      directiveId: id,
      toSessionId,
      steps: directive.steps.slice(from, out + 1),
      holderUnitId: directive.holderUnitId,
      sentUpSteps: out + 1,
    });
  }
  return pending;
}
