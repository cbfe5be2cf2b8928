import { describe, expect, test } from 'vitest';
import { ids, instant, type demoSession } from '../../test/events';
import { criticise, directiveId, directiveToUnit, floorOpen, kilnInspection, stateOf } from '../../test/stories';
import { minutesSelectors } from './minutesSelectors';

describe('minutes selectors', () => {
  test('a day’s minutes hold its items with criticism, speeches and the directives made of them', () => {
    const state = stateOf((log) => {
      log.add('attendance:connected', { dayId: ids.dayOne, participantId: ids.presenter, at: instant(50) });
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

  test('a day’s attendance counts as the records do: the roll call where taken, else a connection', () => {
    const connect = (log: ReturnType<typeof demoSession>, participantId: string) =>
      log.add('attendance:connected', { dayId: ids.dayOne, participantId, at: instant(60) });
    const attendanceOf = (story: Parameters<typeof stateOf>[0]) =>
      minutesSelectors.minutes(stateOf(story), { kind: 'day', dayId: ids.dayOne }).days[0]!.attendance;
    // No roll call: the two who connected were present (the room's screen is not counted).
    expect(
      attendanceOf((log) => {
        connect(log, ids.chair);
        connect(log, ids.presenter);
        connect(log, ids.observer);
      }),
    ).toEqual({ present: 2, connected: 2, invited: 4 });
    // The roll call wins over the connection, either way.
    expect(
      attendanceOf((log) => {
        connect(log, ids.chair);
        connect(log, ids.presenter);
        log.add('attendance:recorded', { dayId: ids.dayOne, participantId: ids.presenter, present: false });
        log.add('attendance:recorded', { dayId: ids.dayOne, participantId: ids.official, present: true });
      }),
    ).toEqual({ present: 2, connected: 2, invited: 4 });
  });

  test('a presenter absent on the item’s day is not named as having presented it', () => {
    const presentersOf = (story: Parameters<typeof stateOf>[0]) =>
      minutesSelectors
        .minutes(stateOf(story), { kind: 'day', dayId: ids.dayOne })
        .days[0]!.items[0]!.presenters.map((p) => p.id);
    // Connected, but marked absent at the roll call.
    expect(
      presentersOf((log) => {
        log.add('attendance:connected', { dayId: ids.dayOne, participantId: ids.presenter, at: instant(50) });
        log.add('attendance:recorded', { dayId: ids.dayOne, participantId: ids.presenter, present: false });
        floorOpen(log);
      }),
    ).toEqual([]);
    // Never connected that day, and no roll call.
    expect(presentersOf(floorOpen)).toEqual([]);
  });
});
