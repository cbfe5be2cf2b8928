import { describe, expect, test } from 'vitest';
import { newEvent, type NewEvent } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import {
  dayItemCount,
  editDayBlocker,
  editItemBlocker,
  lastDayDate,
  moveItemBlocker,
  movePosition,
  removeDayBlocker,
} from './preparationRules.js';
import { foldEvents } from './reducer.js';
import { emptySessionState } from './state.js';

const at = '2026-04-13T08:00:00.000Z';
const item = (id: string, dayId: string, order: number) =>
  newEvent('agenda:item-added', {
    item: { id, dayId, unitId: null, topic: id, plannedMinutes: 10, warningId: null },
    order,
  });
const stateAfter = (...events: NewEvent[]) => foldEvents(emptySessionState('s1'), logOf([created, ...events]));
const agenda = [item('a', 'd1', 0), item('b', 'd1', 1), item('c', 'd2', 0)];

describe('days', () => {
  test('a day changes until it is opened', () => {
    const state = stateAfter(newEvent('day:opened', { dayId: 'd1', at }));
    expect(editDayBlocker(state, 'd1')).toBe('day-already-opened');
    expect(editDayBlocker(state, 'd2')).toBeNull();
    expect(editDayBlocker(state, 'd9')).toBe('not-found');
  });

  test('a day is removed only while empty, never opened, and not the only one', () => {
    expect(removeDayBlocker(stateAfter(...agenda), 'd1')).toBe('day-has-items');
    expect(removeDayBlocker(stateAfter(), 'd2')).toBeNull();
    expect(removeDayBlocker(stateAfter(newEvent('day:opened', { dayId: 'd2', at })), 'd2')).toBe('day-already-opened');
    expect(removeDayBlocker(stateAfter(newEvent('day:removed', { dayId: 'd2' })), 'd1')).toBe('only-day');
    expect(removeDayBlocker(stateAfter(), 'd9')).toBe('not-found');
  });

  test('a new day comes after the last one', () => {
    expect(lastDayDate(stateAfter())).toBe('2026-04-14');
    expect(lastDayDate(emptySessionState('s1'))).toBeNull();
  });
});

describe('items', () => {
  test('only a pending item is edited, removed or moved', () => {
    const started = stateAfter(
      ...agenda,
      newEvent('day:opened', { dayId: 'd1', at }),
      newEvent('agenda:item-started', { itemId: 'a', startedAt: at }),
    );
    expect(editItemBlocker(started, 'a')).toBe('item-not-pending');
    expect(editItemBlocker(started, 'b')).toBeNull();
    expect(editItemBlocker(started, 'zz')).toBe('not-found');
    expect(moveItemBlocker(started, 'a', 'd2')).toBe('item-not-pending');
  });

  test('an item moves to a day that exists and is not adjourned; the open day is fine', () => {
    const opened = stateAfter(...agenda, newEvent('day:opened', { dayId: 'd1', at }));
    expect(moveItemBlocker(opened, 'c', 'd1')).toBeNull();
    expect(moveItemBlocker(opened, 'c', 'd9')).toBe('not-found');
    const adjourned = stateAfter(
      ...agenda,
      newEvent('day:opened', { dayId: 'd1', at }),
      newEvent('day:adjourned', { dayId: 'd1', at }),
    );
    expect(moveItemBlocker(adjourned, 'c', 'd1')).toBe('day-already-opened');
  });

  test('a position past the end is the last place, counted without the item itself', () => {
    const state = stateAfter(...agenda);
    expect(dayItemCount(state, 'd1')).toBe(2);
    expect(movePosition(state, 'c', 'd1', 99)).toBe(2);
    expect(movePosition(state, 'a', 'd1', 99)).toBe(1);
    expect(movePosition(state, 'a', 'd1', 0)).toBe(0);
  });
});
