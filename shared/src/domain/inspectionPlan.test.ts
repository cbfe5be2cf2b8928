import { describe, expect, test } from 'vitest';
import { newEvent, type Indicator, type NewEvent, type OrganisationUnit } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import {
  adoptedPlanLines,
  inspectionScore,
  inspectionWeights,
  nextVerificationRecord,
  planChoiceProblem,
  proposeInspectionPlan,
  quartersBetween,
} from './inspectionPlan.js';
import { foldEvents } from './reducer.js';
import { emptySessionState } from './state.js';

const unit = (id: string): OrganisationUnit => ({
  id,
  name: id,
  kind: 'enterprise',
  parentId: null,
  ownership: 'state',
  sector: 'Industry',
  class: null,
  region: 'North',
});

const figure = (id: string, planned: number, reported: number, over: Partial<Indicator> = {}): Indicator => ({
  id,
  name: id,
  measure: 't',
  planned,
  reported,
  weight: 1,
  isProduction: false,
  previous: null,
  partOf: null,
  ...over,
});

const report = (unitId: string, ...indicators: Indicator[]) =>
  newEvent('report:submitted', { unitId, indicators, note: null });

const unitIds = ['steady', 'on-paper', 'under', 'jumper', 'late', 'deep-under'];

/**
 * A session in the image of the demo: a unit that claims its plan met but was verified under
 * it, units under the 70 % threshold, a jump against the previous period, a revision after
 * the notice, and a unit with nothing to flag.
 */
function sessionEvents(): NewEvent[] {
  return [
    created,
    ...unitIds.map((id) => newEvent('unit:added', { unit: unit(id) })),
    report('steady', figure('out', 100, 95, { isProduction: true, previous: 90 })),
    report('on-paper', figure('out', 9_000, 9_000, { isProduction: true }), figure('boats', 120, 120)),
    report('under', figure('out', 80_000, 52_000, { isProduction: true })),
    report('deep-under', figure('out', 100, 30, { isProduction: true })),
    report('jumper', figure('out', 100, 108, { isProduction: true, previous: 60 })),
    report('late', figure('out', 100, 72, { isProduction: true })),
    newEvent('report:verified', {
      unitId: 'on-paper',
      indicatorId: 'out',
      verified: 7_400,
      finding: 'Landing books show less.',
      evidence: null,
    }),
    newEvent('session:noticed', { noticeDate: '2026-04-01', at: '2026-04-01T00:00:00.000Z' }),
  ];
}

const stateOf = (events: NewEvent[]) => foldEvents(emptySessionState('s1'), logOf(events));

/** The revision after the notice: the log's events share one instant, so it is given a later one. */
function withLateRevision() {
  const log = logOf([...sessionEvents(), report('late', figure('out', 100, 69, { isProduction: true }))]);
  log.at(-1)!.at = '2026-04-05T00:00:00.000Z';
  return foldEvents(emptySessionState('s1'), log);
}

/** An inspection order of the on-paper unit, issued in this session. */
const inspectionOrder = () =>
  newEvent('directive:issued', {
    directiveId: 'd1',
    kind: 'inspection',
    assigneeUnitId: 'on-paper',
    subjectUnitId: 'on-paper',
    inspectorId: null,
    title: 'Inspect',
    text: null,
    dueDate: '2026-05-01',
    fromCriticismId: null,
    orderedByUnitId: null,
    itemId: null,
  });

describe('proposeInspectionPlan', () => {
  test('ranks the overstated top performer first, then units under the threshold, deepest first, with their reasons', () => {
    const plan = proposeInspectionPlan(stateOf(sessionEvents()), { capacity: 3 });
    expect(plan.lines.map((l) => l.unitId)).toEqual(['on-paper', 'deep-under', 'under', 'jumper']);
    expect(plan.lines.map((l) => l.rank)).toEqual([1, 2, 3, 4]);
    expect(plan.lines.map((l) => l.isWithinCapacity)).toEqual([true, true, true, false]);

    const [onPaper, deepUnder, under, jumper] = plan.lines;
    expect(onPaper!.reasons.map((r) => [r.kind, r.flag?.kind])).toEqual([
      ['overstated', 'verified-below-reported'],
      ['on-paper-pattern', 'exactly-on-plan'],
    ]);
    // 40 + 40 × 1,600 / 9,000, plus the top performer's 10; the exact-on-plan pattern 25 + 10.
    const share = 1_600 / 9_000;
    expect(onPaper!.reasons[0]!.weight).toBeCloseTo(40 + 40 * share + 10, 1);
    expect(onPaper!.reasons[0]!.params).toEqual({ topPerformer: 'yes' });
    expect(onPaper!.score).toBeCloseTo(40 + 40 * share + 10 + 35, 1);

    expect(under!.reasons).toEqual([
      { kind: 'under-threshold', weight: 32.9, flag: null, params: { fulfilment: 0.65, threshold: 0.7 } },
    ]);
    expect(deepUnder!.score).toBeCloseTo(30 + (40 * 0.4) / 0.7, 1);
    // 108 / 60 = 1.8 against the 1.5 limit: 15 + 10 × 0.2, plus 10 for the plan met.
    expect(jumper!.reasons.map((r) => [r.kind, r.weight])).toEqual([['jump', 27]]);
    // Units with nothing to flag are no line of the plan.
    expect(plan.lines.some((l) => l.unitId === 'steady' || l.unitId === 'late')).toBe(false);
  });

  test('a figure revised after the notice is a reason, and one that crosses the threshold adds the shortfall', () => {
    const plan = proposeInspectionPlan(withLateRevision(), { capacity: 10 });
    const late = plan.lines.find((l) => l.unitId === 'late')!;
    expect(late.reasons.map((r) => r.kind)).toEqual(['under-threshold', 'revised-late']);
    expect(late.reasons[1]!.flag?.kind).toBe('revised-after-notice');
    expect(late.score).toBeCloseTo(30 + (40 * 0.01) / 0.7 + inspectionWeights.revisedLate, 1);
  });

  test('capacity: only the first lines are proposed; 0 proposes none, and the ranking stays', () => {
    const state = stateOf(sessionEvents());
    expect(proposeInspectionPlan(state, { capacity: 1 }).lines.filter((l) => l.isWithinCapacity)).toHaveLength(1);
    const none = proposeInspectionPlan(state, { capacity: 0 });
    expect(none.lines.map((l) => l.isWithinCapacity)).toEqual([false, false, false, false]);
    expect(proposeInspectionPlan(state, { capacity: 99 }).lines.every((l) => l.isWithinCapacity)).toBe(true);
  });

  test('a unit already under an open inspection order of the session is left out, the order counting against the capacity; a closed one is planned again', () => {
    const order = inspectionOrder();
    const open = proposeInspectionPlan(stateOf([...sessionEvents(), order]), { capacity: 3 });
    expect(open.lines.map((l) => l.unitId)).toEqual(['deep-under', 'under', 'jumper']);
    // The office is at work on that order: two of its three inspections are left to plan.
    expect(open.ordersOpen).toBe(1);
    expect(open.capacity).toBe(2);
    expect(open.lines.map((l) => l.isWithinCapacity)).toEqual([true, true, false]);
    const closed = stateOf([...sessionEvents(), order, newEvent('directive:closed', { directiveId: 'd1' })]);
    expect(proposeInspectionPlan(closed, { capacity: 3 }).lines[0]!.unitId).toBe('on-paper');
    expect(proposeInspectionPlan(closed, { capacity: 3 }).capacity).toBe(3);
  });

  test('a unit this session has inspected, its findings accepted, is not proposed again, closed or not; its order no longer counts against the capacity', () => {
    const order = inspectionOrder();
    const inspected = [
      ...sessionEvents(),
      order,
      newEvent('directive:answered', { directiveId: 'd1', text: 'Counted on site.' }),
      newEvent('directive:reviewed', { directiveId: 'd1', decision: 'accepted', note: null }),
    ];
    for (const events of [inspected, [...inspected, newEvent('directive:closed', { directiveId: 'd1' })]]) {
      const plan = proposeInspectionPlan(stateOf(events), { capacity: 3 });
      expect(plan.lines.map((l) => l.unitId)).toEqual(['deep-under', 'under', 'jumper']);
      expect(plan.ordersOpen).toBe(0);
      expect(plan.capacity).toBe(3);
    }
    // Rejected findings leave the order open: still being inspected.
    const rejected = stateOf([
      ...sessionEvents(),
      order,
      newEvent('directive:answered', { directiveId: 'd1', text: 'Counted on site.' }),
      newEvent('directive:reviewed', { directiveId: 'd1', decision: 'rejected', note: 'Count again.' }),
    ]);
    expect(proposeInspectionPlan(rejected, { capacity: 3 }).ordersOpen).toBe(1);
  });

  test('no verification in the last quarters is a reason only where the history is known', () => {
    const state = stateOf(sessionEvents());
    const history = {
      quarters: 4,
      lastVerified: { steady: '2024-Q4', late: '2025-Q3', jumper: null, 'on-paper': null },
    };
    const plan = proposeInspectionPlan(state, { capacity: 10, history });
    const reasons = (id: string) => plan.lines.find((l) => l.unitId === id)?.reasons.map((r) => r.kind) ?? [];
    // Five quarters since 2024-Q4; never for the jumper; two quarters for `late`: not due.
    expect(reasons('steady')).toEqual(['not-verified-recently']);
    expect(reasons('jumper')).toEqual(['jump', 'not-verified-recently']);
    expect(reasons('late')).toEqual([]);
    // Verified in this session: not due, whatever the history says.
    expect(reasons('on-paper')).not.toContain('not-verified-recently');
    // Unknown history (`under`) gives no such reason.
    expect(reasons('under')).toEqual(['under-threshold']);
    expect(plan.lines.find((l) => l.unitId === 'steady')?.reasons[0]?.params).toEqual({
      quarters: 4,
      lastVerified: '2024-Q4',
    });
  });
});

describe('the verification record carried from quarter to quarter', () => {
  const carried = (since: string, lastVerified: Record<string, string | null>) =>
    newEvent('verifications:carried-over', { since, lastVerified, fromSessionId: 'earlier' });
  const notVerified = (events: NewEvent[]) =>
    proposeInspectionPlan(stateOf(events), { capacity: 10 })
      .lines.filter((l) => l.reasons.some((r) => r.kind === 'not-verified-recently'))
      .map((l) => l.unitId);

  test('the plan reads the record its session carried over: a year without a verification makes a unit due', () => {
    const lastVerified = { steady: '2025-Q1', late: '2025-Q3', jumper: null, under: null };
    // The records go back a year: `steady` (four quarters) and the never-verified are due, `late` not.
    expect(notVerified([...sessionEvents(), carried('2025-Q1', lastVerified)])).toEqual(['under', 'jumper', 'steady']);
    // The records go back one quarter: a unit with none on record is not yet known to be due.
    expect(notVerified([...sessionEvents(), carried('2025-Q4', lastVerified)])).toEqual(['steady']);
    // No record carried over (a first quarter): no such reason at all.
    expect(notVerified(sessionEvents())).toEqual([]);
  });

  test('a session passes on the record with its own verifications at its period', () => {
    const state = stateOf([...sessionEvents(), carried('2025-Q2', { steady: '2025-Q2', late: null })]);
    expect(nextVerificationRecord(state)).toEqual({
      since: '2025-Q2',
      lastVerified: {
        steady: '2025-Q2',
        'on-paper': '2026-Q1',
        under: null,
        jumper: null,
        late: null,
        'deep-under': null,
      },
    });
    // The first quarter on record starts the record.
    expect(nextVerificationRecord(stateOf(sessionEvents()))?.since).toBe('2026-Q1');
  });
});

describe('scores and decisions', () => {
  test('the score sums the heaviest reason of each kind', () => {
    const reason = (kind: 'jump' | 'revised-late', weight: number) => ({ kind, weight, flag: null, params: {} });
    expect(inspectionScore([reason('jump', 20), reason('jump', 17), reason('revised-late', 20)])).toBe(40);
    expect(inspectionScore([])).toBe(0);
  });

  test('quartersBetween counts quarters across years; anything else is unknown', () => {
    expect(quartersBetween('2025-Q4', '2026-Q1')).toBe(1);
    expect(quartersBetween('2024-Q1', '2026-Q1')).toBe(8);
    expect(quartersBetween('2026-03', '2026-Q1')).toBeNull();
  });

  test('the chair’s decisions must name proposed units, accept at least one line and fit the capacity', () => {
    const plan = proposeInspectionPlan(stateOf(sessionEvents()), { capacity: 2 });
    const accept = (unitId: string) => ({
      unitId,
      decision: 'accepted' as const,
      title: `Inspect ${unitId}`,
      inspectorId: null,
      officeUnitId: null,
      dueDate: '2026-05-01',
      note: null,
    });
    expect(planChoiceProblem(plan, [accept('on-paper'), accept('jumper')])).toBeNull();
    expect(planChoiceProblem(plan, [accept('steady')])).toEqual({ kind: 'not-proposed', unitId: 'steady' });
    // A plan that orders nothing, every line dropped or none sent, is no plan to adopt.
    expect(planChoiceProblem(plan, [{ unitId: 'on-paper', decision: 'dropped' }])).toEqual({ kind: 'none-accepted' });
    expect(planChoiceProblem(plan, [])).toEqual({ kind: 'none-accepted' });
    expect(planChoiceProblem(plan, [accept('on-paper'), accept('under'), accept('jumper')])).toEqual({
      kind: 'over-capacity',
      accepted: 3,
      capacity: 2,
    });

    // A line beyond capacity taken instead of a dropped one; the one not decided within capacity is dropped.
    const lines = adoptedPlanLines(
      plan,
      [accept('on-paper'), { unitId: 'deep-under', decision: 'dropped' }, accept('jumper')],
      new Map([
        ['on-paper', 'd1'],
        ['jumper', 'd2'],
      ]),
    );
    expect(lines.map((l) => [l.unitId, l.decision, l.directiveId])).toEqual([
      ['on-paper', 'accepted', 'd1'],
      ['deep-under', 'dropped', null],
      ['under', 'beyond-capacity', null],
      ['jumper', 'accepted', 'd2'],
    ]);
    const silent = adoptedPlanLines(plan, [], new Map());
    expect(silent.map((l) => l.decision)).toEqual(['dropped', 'dropped', 'beyond-capacity', 'beyond-capacity']);
  });

  test('the adopted plan folds into the state, oldest first', () => {
    const plan = proposeInspectionPlan(stateOf(sessionEvents()), { capacity: 1 });
    const adopted = newEvent('inspection-plan:adopted', {
      planId: 'plan-1',
      capacity: 1,
      lines: adoptedPlanLines(plan, [], new Map()),
      at: '2026-04-13T09:00:00.000Z',
    });
    const state = stateOf([...sessionEvents(), adopted]);
    expect(state.inspectionPlans).toHaveLength(1);
    expect(state.inspectionPlans[0]).toMatchObject({ id: 'plan-1', capacity: 1, actorId: 'chair-1' });
    expect(state.inspectionPlans[0]!.lines[0]).toMatchObject({ unitId: 'on-paper', decision: 'dropped' });
  });
});
