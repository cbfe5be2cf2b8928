import { describe, expect, test } from 'vitest';
import { demoWorld } from '../test/demoWorld.js';
import { sessionCalendar } from './calendar.js';

const stamp = new Date('2026-04-01T08:00:00.000Z');

describe('the session calendar', () => {
  test('a day with a start time and a planned end is timed in local time; one with a start only lasts its timeboxes; one without is all day', async () => {
    const world = await demoWorld();
    const state = await world.commands.state(world.sessionId);
    const [day1, day2, day3] = state.definition!.days;
    const timed = {
      ...state,
      definition: {
        ...state.definition!,
        days: [{ ...day1!, startTime: '09:00', plannedEnd: '17:30' }, { ...day2!, startTime: '10:00' }, day3!],
      },
    };
    const ics = sessionCalendar(timed, { role: 'official', unitId: null, lang: 'ko', dayId: null }, stamp).replace(
      /\r\n[ \t]/g,
      '',
    );
    expect(ics).toContain('DTSTART:20260413T090000');
    expect(ics).toContain('DTEND:20260413T173000');
    // Day 2's three items of 15 minutes: an hour at the least.
    expect(ics).toContain('DTSTART:20260414T100000');
    expect(ics).toContain('DURATION:PT60M');
    expect(ics).toContain('DTSTART;VALUE=DATE:20260415');
    expect(ics).toContain('DTEND;VALUE=DATE:20260416');
    expect(ics).toContain('DTSTAMP:20260401T080000Z');
    expect(ics).toContain('화상 회의 참가: https://conference.example.org/northern-province-q1');
  });
});
