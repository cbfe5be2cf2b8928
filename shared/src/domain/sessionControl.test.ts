import { describe, expect, test } from 'vitest';
import { newEvent } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import { commandRules } from './permissions.js';
import { foldEvents } from './reducer.js';
import {
  adjournDayBlocker,
  isSessionControlCommand,
  openDayBlocker,
  reopenDayBlocker,
  sessionControlCommands,
} from './sessionControl.js';
import { emptySessionState } from './state.js';

const at = '2026-04-13T08:00:00.000Z';
const stateAfter = (...events: Parameters<typeof logOf>[0]) =>
  foldEvents(emptySessionState('s1'), logOf([created, ...events]));

test('the session control commands are the chair’s; those that prepare the session (the notice, the days’ dates) the administrator’s too; never the floor’s speakers nor the critics', () => {
  const preparing = ['session:publish-notice', 'day:reschedule', 'session:reschedule-days'];
  for (const type of sessionControlCommands) {
    expect(commandRules[type].roles).toEqual(preparing.includes(type) ? ['chair', 'administrator'] : ['chair']);
  }
  expect(isSessionControlCommand('day:open')).toBe(true);
  expect(isSessionControlCommand('agenda:extend-time')).toBe(true);
  expect(isSessionControlCommand('floor:raise-hand')).toBe(false);
  expect(isSessionControlCommand('criticism:post')).toBe(false);
});

describe('the days: one sits at a time', () => {
  test('a scheduled day opens while no other is open; an open day adjourns', () => {
    const scheduled = stateAfter();
    expect(openDayBlocker(scheduled, 'd1')).toBeNull();
    expect(openDayBlocker(scheduled, 'd9')).toBe('not-found');
    expect(adjournDayBlocker(scheduled, 'd1')).toBe('day-not-open');

    const dayOneOpen = stateAfter(newEvent('day:opened', { dayId: 'd1', at }));
    expect(openDayBlocker(dayOneOpen, 'd1')).toBe('day-already-opened');
    expect(openDayBlocker(dayOneOpen, 'd2')).toBe('another-day-open');
    expect(adjournDayBlocker(dayOneOpen, 'd1')).toBeNull();
  });

  test('only an adjourned day reopens, and only while no other day is open', () => {
    const opened = newEvent('day:opened', { dayId: 'd1', at });
    const adjourned = newEvent('day:adjourned', { dayId: 'd1', at });
    expect(reopenDayBlocker(stateAfter(opened), 'd1')).toBe('day-not-adjourned');
    expect(reopenDayBlocker(stateAfter(opened, adjourned), 'd1')).toBeNull();
    expect(reopenDayBlocker(stateAfter(opened, adjourned, newEvent('day:opened', { dayId: 'd2', at })), 'd1')).toBe(
      'another-day-open',
    );
  });
});
