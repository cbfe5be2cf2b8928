import { describe, expect, test } from 'vitest';
import { newEvent, type AgendaItemDefinition, type NewEvent } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import { dayTimebox, itemKind, kindNeedsUnit, noticeCautions, noticeProblems } from './preparation.js';
import { foldEvents } from './reducer.js';
import { emptySessionState } from './state.js';

const unit = (id: string) =>
  newEvent('unit:added', {
    unit: {
      id,
      name: id,
      kind: 'enterprise',
      parentId: null,
      ownership: 'state',
      sector: 'Industry',
      class: '1st class',
      region: 'North',
    },
  });
const item = (id: string, dayId: string, fields: Partial<AgendaItemDefinition> = {}, order = 0) =>
  newEvent('agenda:item-added', {
    item: { id, dayId, unitId: null, topic: id, plannedMinutes: 20, warningId: null, ...fields },
    order,
  });
const presenter = (id: string, unitId: string) =>
  newEvent('participant:invited', { participant: { id, name: id, role: 'presenter', unitId } });
const stateAfter = (...events: NewEvent[]) => foldEvents(emptySessionState('s1'), logOf([created, ...events]));

describe('item kinds', () => {
  test('an explicit kind wins; items logged before kinds read second review from the warning, report from the unit', () => {
    expect(itemKind({ kind: 'opening', unitId: 'u1', warningId: null })).toBe('opening');
    expect(itemKind({ kind: null, unitId: 'u1', warningId: 'w1' })).toBe('second-review');
    expect(itemKind({ unitId: 'u1', warningId: null })).toBe('report');
    expect(itemKind({ unitId: null, warningId: null })).toBe('topic');
  });

  test('reports and second reviews name their unit; the opening and topics do not', () => {
    expect(['opening', 'report', 'second-review', 'topic'].filter((k) => kindNeedsUnit(k as never))).toEqual([
      'report',
      'second-review',
    ]);
  });
});

describe('a day’s timebox', () => {
  test('sums the day’s items (deferred ones left out) against its hours, and says by how much it runs over', () => {
    const hours = newEvent('day:updated', { id: 'd1', title: 'Day 1', startTime: '09:00', plannedEnd: '10:00' });
    const state = stateAfter(
      hours,
      item('a', 'd1'),
      item('b', 'd1', {}, 1),
      item('c', 'd1', { plannedMinutes: 30 }, 2),
    );
    expect(dayTimebox(state, 'd1')).toEqual({ totalMinutes: 70, availableMinutes: 60, overrunMinutes: 10 });
    const deferred = stateAfter(
      hours,
      item('a', 'd1'),
      item('c', 'd1', { plannedMinutes: 30 }, 1),
      newEvent('agenda:item-deferred', { itemId: 'c', toDayId: 'd2', newItemId: 'c2' }),
    );
    expect(dayTimebox(deferred, 'd1')).toEqual({ totalMinutes: 20, availableMinutes: 60, overrunMinutes: 0 });
    expect(dayTimebox(deferred, 'd2').totalMinutes).toBe(30);
  });

  test('without a start time or a planned end nothing runs over', () => {
    expect(dayTimebox(stateAfter(item('a', 'd1', { plannedMinutes: 600 })), 'd1')).toEqual({
      totalMinutes: 600,
      availableMinutes: null,
      overrunMinutes: 0,
    });
  });
});

describe('notice cautions', () => {
  test('a day whose items run past its planned end is a caution, by how much; one that fits or has no end is not', () => {
    const hours = newEvent('day:updated', { id: 'd1', title: 'Day 1', startTime: '09:00', plannedEnd: '11:30' });
    const state = stateAfter(
      hours,
      item('a', 'd1', { plannedMinutes: 600 }),
      item('b', 'd2', { plannedMinutes: 600 }, 1),
    );
    expect(noticeCautions(state)).toEqual([{ caution: 'day-overrun', dayId: 'd1', overrunMinutes: 450 }]);
    // Not a problem: the notice may still go out.
    expect(noticeProblems(state, '2000-01-01').some((p) => (p.problem as string) === 'day-overrun')).toBe(false);
    expect(noticeCautions(stateAfter(hours, item('a', 'd1', { plannedMinutes: 150 })))).toEqual([]);
  });
});

describe('notice problems', () => {
  test('a ready session has none', () => {
    const ready = stateAfter(unit('u1'), item('a', 'd1', { unitId: 'u1' }), item('b', 'd2'), presenter('p1', 'u1'));
    expect(noticeProblems(ready, '2026-04-01')).toEqual([]);
    // The first day itself is not in the past.
    expect(noticeProblems(ready, '2026-04-13')).toEqual([]);
  });

  test('names every problem: days before the notice, days without items, reports without a unit, units without a presenter', () => {
    const state = stateAfter(
      unit('u1'),
      unit('u2'),
      item('a', 'd1', { unitId: 'u1' }),
      item('b', 'd1', { unitId: 'u2', kind: 'second-review' }, 1),
      item('c', 'd1', { kind: 'report' }, 2),
      item('d', 'd1', { kind: 'opening' }, 3),
      presenter('p2', 'u2'),
    );
    expect(noticeProblems(state, '2026-04-14')).toEqual([
      { problem: 'day-in-past', dayId: 'd1', date: '2026-04-13', noticeDate: '2026-04-14' },
      { problem: 'day-without-items', dayId: 'd2' },
      { problem: 'item-without-unit', itemId: 'c' },
      { problem: 'unit-without-presenter', unitId: 'u1' },
    ]);
  });

  test('a revoked presenter does not count; a reissued one does again', () => {
    const invited = [unit('u1'), item('a', 'd1', { unitId: 'u1' }), item('b', 'd2'), presenter('p1', 'u1')];
    const at = '2026-04-02T00:00:00.000Z';
    const revoked = stateAfter(...invited, newEvent('participant:revoked', { participantId: 'p1', at }));
    expect(noticeProblems(revoked, '2026-04-01')).toEqual([{ problem: 'unit-without-presenter', unitId: 'u1' }]);
    const reissued = stateAfter(
      ...invited,
      newEvent('participant:revoked', { participantId: 'p1', at }),
      newEvent('participant:reissued', { participantId: 'p1', at }),
    );
    expect(noticeProblems(reissued, '2026-04-01')).toEqual([]);
  });
});
