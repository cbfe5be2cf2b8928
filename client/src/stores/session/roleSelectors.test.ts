import { describe, expect, test } from 'vitest';
import { demoSession, ids, instant, participants } from '../../test/events';
import {
  carriedWarning,
  carriedWarningId,
  criticise,
  directiveId,
  directiveToUnit,
  floorOpen,
  inspector,
  inviteInspector,
} from '../../test/stories';
import { uiSelectors } from '../ui';
import { createSessionStore } from './index';
import { dashboardSelectors } from './dashboardSelectors';
import { decisionSelectors } from './decisionSelectors';
import { floorSelectors } from './floorSelectors';
import { minutesSelectors } from './minutesSelectors';
import { reportSelectors } from './reportSelectors';

function stateOf(story: (log: ReturnType<typeof demoSession>) => void = () => undefined) {
  const log = demoSession();
  story(log);
  const store = createSessionStore(ids.session);
  store.getState().applyEvents(log.events);
  return store.getState().session;
}

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
      log.add(
        'report:submitted',
        {
          unitId: ids.unit,
          note: null,
          indicators: [
            {
              id: 'ind-cement',
              name: 'Cement',
              measure: 't',
              planned: 1000,
              reported: 720,
              weight: 1,
              isProduction: true,
              previous: null,
              partOf: null,
            },
          ],
        },
        ids.presenter,
      );
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

describe('minutes selectors', () => {
  test('a day’s minutes hold its items with criticism, speeches and the directives made of them', () => {
    const state = stateOf((log) => {
      floorOpen(log);
      criticise(log, 'crit-1');
      log.add('criticism:hidden', { criticismId: 'crit-1', reason: 'Personal remarks' });
      log.add('directive:issued', {
        directiveId: 'dir-from-crit',
        kind: 'inspection',
        assigneeUnitId: ids.unit,
        title: 'Inspect the kilns',
        text: null,
        dueDate: '2026-05-01',
        fromCriticismId: 'crit-1',
        orderedByUnitId: null,
        itemId: ids.itemOne,
      });
      log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(900) });
      directiveToUnit(log);
    });
    const day = minutesSelectors.minutes(state, { kind: 'day', dayId: ids.dayOne });
    expect(day.decisions).toBeNull();
    const [first, second] = day.days[0]!.items;
    expect(first?.presenters.map((p) => p.id)).toEqual([ids.presenter]);
    expect(first?.criticisms.map((c) => [c.id, c.hidden?.reason])).toEqual([['crit-1', 'Personal remarks']]);
    expect(first?.directives.map((d) => d.id)).toEqual(['dir-from-crit']);
    expect(second?.criticisms).toEqual([]);

    const whole = minutesSelectors.minutes(state, { kind: 'session' });
    expect(whole.days).toHaveLength(2);
    expect(whole.decisions?.otherDirectives.map((group) => [group.unitId, group.directives.map((d) => d.id)])).toEqual([
      [ids.unit, [directiveId]],
    ]);
  });

  test('rehearsal 2: a directive belongs to the item it was issued from, not to the item on the floor; the others are listed by unit', () => {
    const issue = (log: ReturnType<typeof demoSession>, id: string, unitId: string, itemId: string | null) =>
      log.add('directive:issued', {
        directiveId: id,
        kind: 'inspection',
        assigneeUnitId: unitId,
        title: `Inspect ${unitId}`,
        text: null,
        dueDate: '2026-05-01',
        fromCriticismId: null,
        orderedByUnitId: null,
        itemId,
      });
    const state = stateOf((log) => {
      floorOpen(log);
      // Item one (the north unit) is on the floor while the chair orders an inspection of the south unit.
      issue(log, 'dir-south', ids.otherUnit, null);
      issue(log, 'dir-north-floor', ids.unit, ids.itemOne);
      issue(log, 'dir-north-tab', ids.unit, null);
    });
    const whole = minutesSelectors.minutes(state, { kind: 'session' });
    expect(whole.days[0]!.items[0]!.directives.map((d) => d.id)).toEqual(['dir-north-floor']);
    expect(whole.decisions?.otherDirectives.map((group) => [group.unitId, group.directives.map((d) => d.id)])).toEqual([
      [ids.unit, ['dir-north-tab']],
      [ids.otherUnit, ['dir-south']],
    ]);
  });
});

describe('dashboard selectors', () => {
  test('production against the previous period, with the warning carried from it', () => {
    const state = stateOf((log) => {
      log.add(
        'report:submitted',
        {
          unitId: ids.otherUnit,
          note: null,
          indicators: [
            {
              id: 'milk',
              name: 'Milk',
              measure: 't',
              planned: 100,
              reported: 60,
              weight: 1,
              isProduction: true,
              previous: 50,
              partOf: null,
            },
          ],
        },
        ids.chair,
      );
      carriedWarning(log);
    });
    expect(dashboardSelectors.periodChanges(state)).toEqual([
      expect.objectContaining({
        indicatorName: 'Milk',
        previous: 50,
        achieved: 60,
        warnedAt: 0.55,
        warnedPeriod: '2025-Q4',
      }),
    ]);
    expect(dashboardSelectors.periodChanges(state)[0]?.change).toBeCloseTo(0.2);
    expect(dashboardSelectors.ranking(state).map((s) => s.unit.id)).toEqual([ids.unit, ids.otherUnit]);
    expect(dashboardSelectors.trend(state, 'ownership')).toEqual([
      {
        period: '2026-Q1',
        sessionId: ids.session,
        groups: [
          { key: 'cooperative', average: 0.6 },
          { key: 'state', average: 0.65 },
        ],
      },
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
