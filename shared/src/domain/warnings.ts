import { unitStandings, type UnitStanding } from './comparisons.js';
import { figureRevisions, fulfilmentAt } from './flags.js';
import type { DirectiveRecord, Participant } from '../protocol/index.js';
import type { DirectiveState, SessionState } from './state.js';

/** A warning the session's figures call for, awaiting the chair's decision. */
export interface ProposedWarning {
  unitId: string;
  fulfilment: number;
  threshold: number;
}

const warningThreshold = (state: SessionState) => state.definition?.thresholds.warningBelow ?? 0.7;

/** Units the chair has decided on: a warning issued in this session, or a waiver. */
function decidedUnits(state: SessionState): Set<string> {
  return new Set([
    ...Object.keys(state.waivers),
    ...Object.values(state.warnings)
      .filter((w) => w.sessionId === state.sessionId)
      .map((w) => w.unitId),
  ]);
}

/**
 * Units under the production threshold that have neither a warning issued in this session nor
 * a waiver: what the chair must decide before closing.
 */
export function proposedWarnings(state: SessionState): ProposedWarning[] {
  return proposalsOf(state, unitStandings(state), decidedUnits(state));
}

function proposalsOf(state: SessionState, standings: UnitStanding[], decided: Set<string>): ProposedWarning[] {
  const threshold = warningThreshold(state);
  return standings.flatMap((s) =>
    s.isUnderThreshold && s.production !== null && !decided.has(s.unit.id)
      ? [{ unitId: s.unit.id, fulfilment: s.production, threshold }]
      : [],
  );
}

/** A unit a revision of its report took off the proposed warnings: when, and its production fulfilment before and after. */
export interface LiftedProposal {
  unitId: string;
  /** When the revised report was submitted. */
  at: string;
  /** Production fulfilment before the revision, under the threshold. */
  from: number;
  /** Production fulfilment the revision gave, at or above the threshold. */
  to: number;
  threshold: number;
}

/**
 * The chair's warnings to decide ({@link proposedWarnings}) and the units they no longer list
 * because a revision of their report lifted production fulfilment from under the threshold to
 * at or above it, where it still stands (`lifted`: the latest such revision of each, so the chair
 * is told why a unit left the list). A later revision back under the threshold cancels an earlier
 * lift; units already decided are left out. One ranking of the units serves both.
 */
export function warningProposals(state: SessionState): { proposed: ProposedWarning[]; lifted: LiftedProposal[] } {
  const threshold = warningThreshold(state);
  const standings = unitStandings(state);
  const decided = decidedUnits(state);
  const lifted = standings.flatMap((s) => {
    const report = state.reports[s.unit.id];
    const production = report?.indicators.find((i) => i.isProduction);
    if (!report || !production || s.production === null || s.isUnderThreshold || decided.has(s.unit.id)) return [];
    let lift: LiftedProposal | null = null;
    for (const revision of figureRevisions(report)) {
      if (revision.indicatorId !== production.id) continue;
      const from = fulfilmentAt(revision.before, production);
      const to = fulfilmentAt(revision.after, production);
      if (to === null || to < threshold) lift = null;
      else if (from !== null && from < threshold) lift = { unitId: s.unit.id, at: revision.at, from, to, threshold };
    }
    return lift ? [lift] : [];
  });
  return { proposed: proposalsOf(state, standings, decided), lifted };
}

/** Directives not yet done: they carry into the next period's session. */
export function isDirectiveOpen(directive: DirectiveState): boolean {
  return directive.status !== 'closed' && directive.status !== 'accepted';
}

/**
 * The name of someone a directive's record names (its inspector, a step's actor): a participant
 * of this session, else as the earlier session that carried it knew them.
 */
export function directivePersonName(
  state: Pick<SessionState, 'participants'>,
  directive: DirectiveRecord,
  participantId: string,
): string {
  return state.participants[participantId]?.name ?? directive.earlierNames?.[participantId] ?? participantId;
}

/**
 * A directive's record as it carries into another session, with the names of the people it
 * names as `from` knew them: that session need not invite them, and still says who acted.
 */
export function carriedRecord(from: SessionState, directive: DirectiveRecord): DirectiveRecord {
  const named = [
    directive.inspectorId,
    ...directive.steps.flatMap((step) => [step.actorId, step.fromAssigneeId, step.assigneeId]),
  ];
  const earlierNames = Object.fromEntries(
    named.flatMap((id) => (id ? [[id, directivePersonName(from, directive, id)] as const] : [])),
  );
  return { ...directive, earlierNames };
}

/** The directives the session carried over from the session `fromSessionId` (its previous period's), in order. */
export function carriedOverFrom(state: SessionState, fromSessionId: string): DirectiveState[] {
  return state.directiveOrder
    .map((id) => state.directives[id]!)
    .filter((directive) => directive.carriedFromSessionId === fromSessionId);
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

/** The unit a directive is about: the inspected unit of an inspection order, else its assignee unit. */
export function directiveUnitId(directive: Pick<DirectiveRecord, 'assigneeUnitId' | 'subjectUnitId'>): string {
  return directive.subjectUnitId ?? directive.assigneeUnitId;
}

/**
 * True when `participant` may act on a directive as its assignee (acknowledge, answer): the
 * inspector an inspection order names, or else whoever acts for the assignee unit; the chair always.
 */
export function actsOnDirective(
  participant: Participant,
  directive: Pick<DirectiveRecord, 'assigneeUnitId' | 'inspectorId'>,
): boolean {
  if (directive.inspectorId) return participant.role === 'chair' || participant.id === directive.inspectorId;
  return actsForUnit(participant, directive.assigneeUnitId);
}

/** Hours the westernmost time zone is behind UTC: its calendar is the last to turn. */
const westernmostOffsetHours = 12;

/**
 * The earliest due date a directive issued at the instant `now` may carry: the day it is issued,
 * on the calendar of the westernmost time zone, so that no chair's today is refused.
 */
export function earliestDueDate(now: string): string {
  return new Date(Date.parse(now) - westernmostOffsetHours * 3_600_000).toISOString().slice(0, 10);
}
