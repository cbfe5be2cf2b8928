import { describe, expect, test } from 'vitest';
import { demoIndicators, ids, instant, participants, submitReport } from '../../test/events';
import {
  carriedWarning,
  carriedWarningId,
  directiveId,
  directiveToUnit,
  floorOpen,
  inspector,
  inviteInspector,
  stateOf,
} from '../../test/stories';
import { uiSelectors } from '../ui';
import { decisionSelectors } from './decisionSelectors';
import { floorSelectors } from './floorSelectors';
import { reportSelectors } from './reportSelectors';

describe('floor selectors', () => {
  test('the next item is the first one the chair may start; defer acts on the live one first', () => {
    const idle = stateOf();
    expect(floorSelectors.openDay(idle)?.id).toBe(ids.dayOne);
    expect(floorSelectors.nextItem(idle)?.id).toBe(ids.itemOne);
    expect(floorSelectors.deferrableItem(idle)?.id).toBe(ids.itemOne);
    expect(floorSelectors.canAdjournOpenDay(idle)).toBe(true);

    const live = stateOf((log) => log.add('agenda:item-started', { itemId: ids.itemTwo, startedAt: instant(10) }));
    expect(floorSelectors.nextItem(live)).toBeNull();
    expect(floorSelectors.deferrableItem(live)?.id).toBe(ids.itemTwo);
    expect(floorSelectors.canAdjournOpenDay(live)).toBe(false);
  });

  test('speaking time adds up per participant; the queue has places', () => {
    const state = stateOf((log) => {
      floorOpen(log);
      log.add('floor:given', { participantId: ids.official, itemId: ids.itemOne, at: instant(300) });
      log.add('floor:given', { participantId: ids.presenter, itemId: ids.itemOne, at: instant(360) });
      log.add('floor:given', { participantId: ids.official, itemId: ids.itemOne, at: instant(400) });
      log.add('floor:speech-ended', { participantId: ids.official, at: instant(430) });
      log.add('floor:hand-raised', { participantId: ids.otherOfficial, at: instant(440) });
    });
    expect(floorSelectors.speakingTimeOf(state, ids.itemOne)).toEqual([
      { participantId: ids.official, totalMs: 90_000 },
      { participantId: ids.presenter, totalMs: 40_000 },
    ]);
    expect(floorSelectors.queuePosition(state, ids.otherOfficial)).toBe(1);
    expect(floorSelectors.queuePosition(state, ids.official)).toBeNull();
  });
});

describe('report selectors', () => {
  test('rows carry shares of plan, gaps and their own flags', () => {
    const state = stateOf((log) =>
      log.add('report:verified', {
        unitId: ids.unit,
        indicatorId: 'ind-kilns',
        verified: 3,
        finding: 'x',
        evidence: null,
      }),
    );
    const flags = reportSelectors.flagsOf(state, ids.unit);
    expect(flags.map((f) => f.kind)).toEqual(['verified-below-reported']);
    const rows = reportSelectors.rowsOf(state.reports[ids.unit]!, flags);
    expect(rows.map((r) => [r.indicator.id, r.reportedShare, r.verifiedShare, r.gap, r.flags.length])).toEqual([
      ['ind-cement', 0.65, null, null, 0],
      ['ind-kilns', 1, 0.75, 1, 1],
    ]);
    expect(reportSelectors.unitsWithReports(state).map((u) => u.id)).toEqual([ids.unit]);
  });

  test('a report revised after its unit presented is flagged', () => {
    const state = stateOf((log) => {
      // Events are stamped one second apart (instant(seq)): the revision comes after this start.
      log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(2) });
      submitReport(log, [{ ...demoIndicators.cement, reported: 720 }]);
    });
    expect(reportSelectors.presentedAt(state, ids.unit)).toBe(instant(2));
    expect(reportSelectors.flagsOf(state, ids.unit).map((f) => f.kind)).toContain('revised-after-presented');
  });

  test('the threshold falls at threshold × planned, or at planned / threshold for a ceiling', () => {
    const cement = stateOf().reports[ids.unit]!.indicators[0]!;
    expect(reportSelectors.thresholdValue(cement, 0.7)).toBeCloseTo(700);
    const fuel = { ...cement, planned: 140, direction: 'lower-is-better' as const };
    // Spending 200 against a ceiling of 140 is 70 % fulfilment.
    expect(reportSelectors.thresholdValue(fuel, 0.7)).toBeCloseTo(200);
    expect(reportSelectors.thresholdValue(fuel, 0)).toBeNull();
    expect(reportSelectors.thresholdValue(fuel, null)).toBeNull();
  });
});

describe('decision selectors', () => {
  test('closing waits for the floor, then for the proposed warnings', () => {
    expect(decisionSelectors.closeSessionBlocker(stateOf(floorOpen))).toBe('item-live');
    expect(decisionSelectors.closeSessionBlocker(stateOf())).toBe('warnings-undecided');
    const decided = stateOf((log) =>
      log.add('warning:waived', { unitId: ids.unit, fulfilment: 0.65, reason: 'Flood' }),
    );
    expect(decisionSelectors.closeSessionBlocker(decided)).toBeNull();
    expect(decisionSelectors.waivers(decided)).toEqual([
      { unitId: ids.unit, reason: 'Flood', fulfilment: 0.65, at: expect.any(String) as string },
    ]);
  });

  test('a carried warning comes with its second-review item and the unit’s figure now', () => {
    const [review] = decisionSelectors.secondReviews(stateOf(carriedWarning));
    expect(review?.warning.id).toBe(carriedWarningId);
    expect(review?.item?.id).toBe('item-review');
    expect(review?.productionNow).toBeNull();
  });

  test('directive actions follow the server’s rules for the assignee and the chair', () => {
    const state = stateOf((log) => directiveToUnit(log));
    const directive = state.directives[directiveId]!;
    expect(decisionSelectors.directiveActions(state, directive, participants.presenter)).toEqual({
      canAcknowledge: true,
      canAnswer: true,
      canForward: false,
      canReview: false,
      canClose: false,
    });
    expect(decisionSelectors.directiveActions(state, directive, participants.official).canAnswer).toBe(false);
    expect(decisionSelectors.directiveActions(state, directive, participants.chair).canClose).toBe(true);
    expect(decisionSelectors.directivesOfUnit(state, ids.unit).map((d) => d.id)).toEqual([directiveId]);
    expect(decisionSelectors.directiveTracker(state, '2026-05-01')).toEqual([{ directive, isOverdue: true }]);
    expect(decisionSelectors.directiveTracker(state, '2026-04-20')[0]?.isOverdue).toBe(false);
  });

  test('rehearsal 10: the inspector an order names acts on it; the inspected unit sees it without acting', () => {
    const order = {
      kind: 'inspection' as const,
      title: 'Inspect the kilns',
      text: null,
      dueDate: '2026-05-01',
      fromCriticismId: null,
      orderedByUnitId: null,
      itemId: null,
    };
    const state = stateOf((log) => {
      inviteInspector(log);
      log.add('directive:issued', {
        ...order,
        directiveId: 'dir-inspector',
        assigneeUnitId: ids.unit,
        subjectUnitId: ids.unit,
        inspectorId: inspector.id,
      });
      log.add('directive:issued', {
        ...order,
        directiveId: 'dir-office',
        assigneeUnitId: ids.otherUnit,
        subjectUnitId: ids.unit,
        inspectorId: null,
      });
    });
    const byInspector = state.directives['dir-inspector']!;
    expect(decisionSelectors.directiveActions(state, byInspector, inspector).canAcknowledge).toBe(true);
    expect(decisionSelectors.directiveActions(state, byInspector, participants.presenter).canAcknowledge).toBe(false);
    expect(decisionSelectors.assigneeName(state, byInspector)).toBe(inspector.name);
    expect(decisionSelectors.inspectedUnitId(byInspector)).toBe(ids.unit);
    expect(decisionSelectors.inspectionOrders(state, inspector, '2026-04-20').map((o) => o.directive.id)).toEqual([
      'dir-inspector',
    ]);
    expect(decisionSelectors.inspectionOrders(state, participants.chair, '2026-04-20')).toEqual([]);
    expect(decisionSelectors.directivesOfUnit(state, ids.unit).map((d) => d.id)).toEqual([
      'dir-inspector',
      'dir-office',
    ]);
  });

  test('attendance lists every participant but the room screen', () => {
    const state = stateOf((log) => {
      log.add('attendance:connected', { dayId: ids.dayOne, participantId: ids.official, at: instant(5) });
      log.add('attendance:recorded', { dayId: ids.dayOne, participantId: ids.presenter, present: false });
    });
    const rows = decisionSelectors.attendanceOfDay(state, ids.dayOne);
    expect(rows.map((r) => [r.participant.id, r.connectedAt !== null, r.present])).toEqual([
      [ids.chair, false, null],
      [ids.official, true, null],
      [ids.otherOfficial, false, null],
      [ids.presenter, false, false],
    ]);
  });
});

describe('ui selectors', () => {
  test('each role has its views; a view the role lacks falls back to the floor', () => {
    expect(uiSelectors.viewsFor('observer')).toEqual(['floor']);
    expect(uiSelectors.viewsFor('presenter')).toContain('report');
    expect(uiSelectors.effectiveView('decisions', 'official')).toBe('floor');
    expect(uiSelectors.effectiveView('verify', 'inspector')).toBe('verify');
  });
});
