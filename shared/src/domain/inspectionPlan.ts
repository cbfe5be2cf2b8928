import {
  defaultThresholds,
  type InspectionLineChoice,
  type InspectionLineDecision,
  type InspectionPlanLine,
  type InspectionReason,
  type InspectionReasonKind,
} from '../protocol/index.js';
import { unitStandings, type UnitStanding } from './comparisons.js';
import { presentedAt, unitFlags, type Flag, type FlagKind } from './flags.js';
import { directivePersonName, isDirectiveOpen } from './warnings.js';
import type { DirectiveState, IndicatorState, InspectionPlanState, SessionState, VerificationRecord } from './state.js';

/**
 * The weights of the risk score. A unit's score is the sum, over the kinds of reason it has, of
 * the heaviest reason of each kind (two jumps weigh as much as the larger one: one inspection
 * looks at both). The figures are points, not probabilities: what matters is the order.
 *
 * - `overstated`: 40, plus 40 × the reporting gap as a share of the larger figure (at most 1).
 *   A verified figure under the reported one is the strongest sign of a plan met on paper.
 * - `onPaperPattern`: 25 — indicators exactly on plan, or parts that do not add up to their total.
 * - `jump`: 15, plus 10 × how far the factor passes the session's limit (factor / limit − 1, at most 1).
 * - `underThreshold`: 30, plus 40 × the shortfall under the threshold as a share of it
 *   (threshold − fulfilment) / threshold: the deeper under, the sooner inspected.
 * - `revisedLate`: 20 — a figure revised after the notice or after the unit presented.
 * - `notVerifiedRecently`: 15 — nothing of the unit verified in the last quarters (when known).
 * - `topPerformer`: 10, added to each `overstated`, `onPaperPattern` and `jump` reason of a unit whose
 *   reported production meets its plan: a top performer with on-paper signs is the classic case.
 */
export const inspectionWeights = {
  overstated: { base: 40, perShare: 40 },
  onPaperPattern: 25,
  jump: { base: 15, perExcess: 10 },
  underThreshold: { base: 30, perShortfall: 40 },
  revisedLate: 20,
  notVerifiedRecently: 15,
  topPerformer: 10,
} as const;

/** What is known of the units' verifications in earlier periods. */
export interface VerificationHistory {
  /** How many quarters without a verification make a unit due for one. */
  quarters: number;
  /**
   * By unit, the latest period (`2026-Q1`) any of its figures was verified in; null: never, as
   * far as the records go. A unit absent from it is unknown and gets no such reason.
   */
  lastVerified: Record<string, string | null>;
}

/** One proposed line: the unit, its place in the ranking, its score and why. */
export interface ProposedInspection {
  unitId: string;
  /** 1 for the riskiest unit. */
  rank: number;
  score: number;
  reasons: InspectionReason[];
  /** Within the office's capacity: proposed; past it, listed to take instead of a dropped line. */
  isWithinCapacity: boolean;
}

/** The proposed plan: every unit with a reason, riskiest first, the first `capacity` proposed. */
export interface InspectionPlanProposal {
  /** What is left of the office's capacity for new orders: the open orders of the session count against it. */
  capacity: number;
  /** Inspection orders of this session still open: the office is at work on them. */
  ordersOpen: number;
  lines: ProposedInspection[];
}

/** Which reason a report flag is. */
const reasonOfFlag: Record<FlagKind, InspectionReasonKind> = {
  'verified-below-reported': 'overstated',
  'verified-above-reported': 'overstated',
  'exactly-on-plan': 'on-paper-pattern',
  'parts-do-not-add-up': 'on-paper-pattern',
  'jump-vs-previous': 'jump',
  'drop-vs-previous': 'jump',
  'revised-after-notice': 'revised-late',
  'revised-after-presented': 'revised-late',
};

const onPaperKinds: ReadonlySet<InspectionReasonKind> = new Set(['overstated', 'on-paper-pattern', 'jump']);

function numberParam(flag: Flag, key: string): number {
  const value = flag.params[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The weight of a reason that comes from a flag, before the top-performer bonus. */
function flagWeight(kind: InspectionReasonKind, flag: Flag): number {
  const w = inspectionWeights;
  switch (kind) {
    case 'overstated':
      return w.overstated.base + w.overstated.perShare * Math.min(numberParam(flag, 'share'), 1);
    case 'jump': {
      const limit = numberParam(flag, 'limit') || 1;
      return w.jump.base + w.jump.perExcess * Math.min(Math.max(numberParam(flag, 'factor') / limit - 1, 0), 1);
    }
    case 'on-paper-pattern':
      return w.onPaperPattern;
    case 'revised-late':
      return w.revisedLate;
    case 'under-threshold':
    case 'not-verified-recently':
      return 0;
  }
}

const rounded = (value: number) => Math.round(value * 10) / 10;

function flagReasons(flags: readonly Flag[], isTopPerformer: boolean): InspectionReason[] {
  return flags.map((flag): InspectionReason => {
    const kind = reasonOfFlag[flag.kind];
    const bonus = isTopPerformer && onPaperKinds.has(kind) ? inspectionWeights.topPerformer : 0;
    const params: Record<string, string> = bonus > 0 ? { topPerformer: 'yes' } : {};
    return {
      kind,
      weight: rounded(flagWeight(kind, flag) + bonus),
      flag: { kind: flag.kind, indicatorId: flag.indicatorId, params: { ...flag.params } },
      params,
    };
  });
}

function thresholdReason(standing: UnitStanding | undefined, threshold: number): InspectionReason[] {
  const production = standing?.production ?? null;
  if (production === null || !(production < threshold) || threshold <= 0) return [];
  const { base, perShortfall } = inspectionWeights.underThreshold;
  return [
    {
      kind: 'under-threshold',
      weight: rounded(base + (perShortfall * (threshold - production)) / threshold),
      flag: null,
      params: { fulfilment: production, threshold },
    },
  ];
}

/** Quarters from `from` to `to` (`2025-Q4` to `2026-Q1` is 1); null when either is no quarter. */
export function quartersBetween(from: string, to: string): number | null {
  const parse = (period: string) => {
    const match = /^(\d{4})-Q([1-4])$/.exec(period);
    return match ? Number(match[1]) * 4 + Number(match[2]) - 1 : null;
  };
  const a = parse(from);
  const b = parse(to);
  return a === null || b === null ? null : b - a;
}

function historyReason(state: SessionState, unitId: string, history: VerificationHistory): InspectionReason[] {
  if (!(unitId in history.lastVerified)) return [];
  const verifiedNow = state.reports[unitId]?.indicators.some((i) => i.verified !== null) ?? false;
  const period = state.definition?.period ?? '';
  const last = history.lastVerified[unitId] ?? null;
  const since = last === null ? null : quartersBetween(last, period);
  if (verifiedNow || (since !== null && since < history.quarters)) return [];
  return [
    {
      kind: 'not-verified-recently',
      weight: inspectionWeights.notVerifiedRecently,
      flag: null,
      params: { quarters: history.quarters, lastVerified: last ?? '' },
    },
  ];
}

/** How many quarters without a verification make a unit due for one (a year). */
export const verificationDueQuarters = 4;

/**
 * What a session passes on of the units' verifications to the session of the next period: the
 * record it was given, with the units it verified now at its own period. Null without a period.
 */
export function nextVerificationRecord(state: SessionState): VerificationRecord | null {
  const period = state.definition?.period;
  if (!period) return null;
  const earlier = state.verificationRecord;
  const lastVerified: Record<string, string | null> = {};
  for (const unitId of state.unitOrder) {
    const isVerified = state.reports[unitId]?.indicators.some((i) => i.verified !== null) ?? false;
    lastVerified[unitId] = isVerified ? period : (earlier?.lastVerified[unitId] ?? null);
  }
  return { since: earlier?.since ?? period, lastVerified };
}

/**
 * The verification history the session's plan reads, from the record carried over: a unit with
 * no verification on record counts only once the records cover {@link verificationDueQuarters}
 * (before that, nothing says it went uninspected that long). Undefined without a record.
 */
export function verificationHistoryOf(state: SessionState): VerificationHistory | undefined {
  const record = state.verificationRecord;
  const period = state.definition?.period;
  if (!record || !period) return undefined;
  const covered = quartersBetween(record.since, period) ?? 0;
  const lastVerified = Object.fromEntries(
    Object.entries(record.lastVerified).filter(([, last]) => last !== null || covered >= verificationDueQuarters),
  );
  return { quarters: verificationDueQuarters, lastVerified };
}

/** The score of a set of reasons: the heaviest of each kind, summed. */
export function inspectionScore(reasons: readonly InspectionReason[]): number {
  const heaviest = new Map<InspectionReasonKind, number>();
  for (const reason of reasons) heaviest.set(reason.kind, Math.max(heaviest.get(reason.kind) ?? 0, reason.weight));
  return rounded([...heaviest.values()].reduce((sum, weight) => sum + weight, 0));
}

const flagKinds: ReadonlySet<string> = new Set(Object.keys(reasonOfFlag));

/** The report flag a reason comes from, as a flag; null for a reason from no flag (or of a kind unknown here). */
export function reasonFlag(reason: InspectionReason): Flag | null {
  const flag = reason.flag;
  return flag && flagKinds.has(flag.kind) ? { ...flag, kind: flag.kind as FlagKind } : null;
}

/**
 * The units this session's inspection orders name: `open`, still being inspected (the office is at
 * work on them); `done`, inspected, the findings accepted. An order closed unaccepted is neither.
 */
function inspectionsOfSession(state: SessionState): { open: Set<string>; done: Set<string> } {
  const open = new Set<string>();
  const done = new Set<string>();
  for (const directive of Object.values(state.directives)) {
    if (directive.kind !== 'inspection' || directive.sessionId !== state.sessionId) continue;
    const unitId = directive.subjectUnitId ?? directive.assigneeUnitId;
    if (isDirectiveOpen(directive)) open.add(unitId);
    else if (directive.steps.some((step) => step.action === 'accepted')) done.add(unitId);
  }
  return { open, done };
}

/**
 * The proposed inspection plan of a session: each unit with a reason to inspect it (its report's
 * on-paper flags, jumps against the previous period, late revisions, production under the
 * threshold, no verification in the last quarters where `history` knows: by default the record
 * the session carried over), scored with
 * {@link inspectionWeights}, riskiest first (ties in the register's order). Units with an open
 * inspection order of this session are left out, and those orders take their share of the
 * office's `capacity`: the first lines up to what is left of it are proposed. Units this session
 * has inspected (the findings accepted) are left out too: their verified figures are the
 * inspection's result, not a reason for another.
 * @example
 * const plan = proposeInspectionPlan(state, { capacity: 3 });
 * plan.lines.filter((l) => l.isWithinCapacity).map((l) => l.unitId);
 */
export function proposeInspectionPlan(
  state: SessionState,
  options: { capacity: number; history?: VerificationHistory },
): InspectionPlanProposal {
  const threshold = state.definition?.thresholds.warningBelow ?? defaultThresholds.warningBelow;
  const standings = new Map(unitStandings(state).map((s) => [s.unit.id, s]));
  const { open: ordered, done: inspected } = inspectionsOfSession(state);
  const history = options.history ?? verificationHistoryOf(state);
  const candidates = state.unitOrder.filter(
    (id) => !ordered.has(id) && !inspected.has(id) && !(id in state.retiredUnits),
  );
  const scored = candidates.flatMap((unitId, order) => {
    const standing = standings.get(unitId);
    const isTopPerformer = (standing?.reportedProduction ?? 0) >= 1;
    const reasons = [
      ...flagReasons(unitFlags(state, unitId), isTopPerformer),
      ...thresholdReason(standing, threshold),
      ...(history ? historyReason(state, unitId, history) : []),
    ].sort((a, b) => b.weight - a.weight);
    return reasons.length === 0 ? [] : [{ unitId, order, reasons, score: inspectionScore(reasons) }];
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  const capacity = Math.max(0, Math.floor(options.capacity) - ordered.size);
  return {
    capacity,
    ordersOpen: ordered.size,
    lines: scored.map(({ unitId, reasons, score }, index) => ({
      unitId,
      rank: index + 1,
      score,
      reasons,
      isWithinCapacity: index < capacity,
    })),
  };
}

/** Why the chair's decisions do not fit the proposal, or null when they do. */
export type PlanChoiceProblem =
  /** A decision names a unit the proposal does not list (the chair's copy is stale). */
  | { kind: 'not-proposed'; unitId: string }
  /** No line is accepted: adopted, the plan would order no inspection. */
  | { kind: 'none-accepted' }
  /** More lines accepted than the office's capacity. */
  | { kind: 'over-capacity'; accepted: number; capacity: number };

/**
 * The first problem of the chair's decisions against the proposal: a unit it does not list, no
 * line accepted, or more accepted than the capacity. The server refuses the plan with it; the
 * chair's screen holds the plan back with it.
 */
export function planChoiceProblem(
  proposal: InspectionPlanProposal,
  choices: readonly InspectionLineChoice[],
): PlanChoiceProblem | null {
  const listed = new Set(proposal.lines.map((l) => l.unitId));
  const stranger = choices.find((c) => !listed.has(c.unitId));
  if (stranger) return { kind: 'not-proposed', unitId: stranger.unitId };
  const accepted = choices.filter((c) => c.decision === 'accepted').length;
  if (accepted === 0) return { kind: 'none-accepted' };
  return accepted > proposal.capacity ? { kind: 'over-capacity', accepted, capacity: proposal.capacity } : null;
}

/**
 * The plan's lines as the record keeps them: every proposed line with the chair's decision
 * (a line within capacity the chair did not accept is dropped; one past it, beyond capacity),
 * and the order each accepted line became (`directiveIds`, by unit).
 */
export function adoptedPlanLines(
  proposal: InspectionPlanProposal,
  choices: readonly InspectionLineChoice[],
  directiveIds: ReadonlyMap<string, string>,
): InspectionPlanLine[] {
  const chosen = new Map(choices.map((c) => [c.unitId, c.decision]));
  return proposal.lines.map((line) => {
    const decision: InspectionLineDecision =
      chosen.get(line.unitId) === 'accepted' ? 'accepted' : line.isWithinCapacity ? 'dropped' : 'beyond-capacity';
    return {
      unitId: line.unitId,
      rank: line.rank,
      score: line.score,
      reasons: line.reasons,
      decision,
      directiveId: decision === 'accepted' ? (directiveIds.get(line.unitId) ?? null) : null,
    };
  });
}

/** What became of a line of an adopted plan, as the minutes record it. */
export interface InspectionLineOutcome {
  line: InspectionPlanLine;
  /** The order an accepted line became; null for any other line. */
  order: DirectiveState | null;
  /** Who carries the order out, by name: the inspector it names, else the unit holding it; null without an order. */
  carriedOutBy: string | null;
  /** The latest findings filed on the order; null before any. */
  findings: string | null;
  /** Whether the unit has presented: the figures of its reasons enter the minutes only then. */
  isPresented: boolean;
  /** The unit's indicators verified so far, once it has presented; empty before. */
  verified: (IndicatorState & { verified: number })[];
}

/** Each line of an adopted plan, in the plan's order, with its order, findings and verified figures. */
export function inspectionLineOutcomes(
  state: SessionState,
  plan: Pick<InspectionPlanState, 'lines'>,
): InspectionLineOutcome[] {
  return plan.lines.map((line) => {
    const order = line.directiveId === null ? null : (state.directives[line.directiveId] ?? null);
    const isPresented = presentedAt(state, line.unitId) !== null;
    const indicators = isPresented ? (state.reports[line.unitId]?.indicators ?? []) : [];
    let carriedOutBy: string | null = null;
    if (order) {
      carriedOutBy = order.inspectorId
        ? directivePersonName(state, order, order.inspectorId)
        : (state.units[order.holderUnitId]?.name ?? order.holderUnitId);
    }
    return {
      line,
      order,
      carriedOutBy,
      findings: order?.steps.filter((step) => step.action === 'answered').at(-1)?.text ?? null,
      isPresented,
      verified: indicators.filter((i): i is IndicatorState & { verified: number } => i.verified !== null),
    };
  });
}
