import { expect, test } from 'vitest';
import { created, logOf } from '../test/eventLog.js';
import { foldEvents } from './reducer.js';
import { dayById, dayTitle } from './selectors.js';
import { emptySessionState } from './state.js';

test('a day is found by its id and called by its title; an id the definition no longer has is said as it is', () => {
  const state = foldEvents(emptySessionState('s1'), logOf([created]));
  const [first] = state.definition!.days;
  expect(dayById(state, first!.id)).toEqual(first);
  expect(dayTitle(state, first!.id)).toBe(first!.title);
  expect(dayById(state, 'day-removed')).toBeUndefined();
  expect(dayTitle(state, 'day-removed')).toBe('day-removed');
  expect(dayTitle(emptySessionState('s2'), 'day-1')).toBe('day-1');
});
