import { expect, test } from 'vitest';
import { commandRules } from './permissions.js';
import { isSessionControlCommand, sessionControlCommands } from './sessionControl.js';

test('the session control commands are the chair’s alone; the floor’s speakers and the critics are not among them', () => {
  for (const type of sessionControlCommands) expect(commandRules[type].roles).toEqual(['chair']);
  expect(isSessionControlCommand('day:open')).toBe(true);
  expect(isSessionControlCommand('agenda:extend-time')).toBe(true);
  expect(isSessionControlCommand('floor:raise-hand')).toBe(false);
  expect(isSessionControlCommand('criticism:post')).toBe(false);
});
