import { describe, expect, test } from 'vitest';
import { ids, instant, type demoSession } from '../../test/events';
import { criticise, directiveId, directiveToUnit, floorOpen, kilnInspection, stateOf } from '../../test/stories';
import { minutesSelectors } from './minutesSelectors';

describe('minutes selectors', () => {
  test('a day’s minutes hold its items with criticism, speeches and the directives made of them', () => {
    const state = stateOf((log) => {
      floorOpen(log);
      criticise(log, 'crit-1');
      log.add('criticism:hidden', { criticismId: 'crit-1', reason: 'Personal remarks' });
      kilnInspection(log, 'dir-from-crit');
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
