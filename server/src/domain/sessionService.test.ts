import { Limits, type Role, type SessionEvent } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { dayDateIssue, demoWorld, manualClock, refusal } from '../test/demoWorld.js';
import type { Connection } from './sessionService.js';

const at = (ms: number) => new Date(Date.parse('2026-04-13T09:00:00.000Z') + ms).toISOString();

/** Each attendance event as its day, its `at` and how many participants it names. */
const batches = (events: readonly SessionEvent[]) =>
  events.map((e) =>
    e.type === 'attendance:batch-connected' ? [e.payload.dayId, e.payload.at, e.payload.participants.length] : e.type,
  );

describe('SessionService.recordConnections', () => {
  test(`P21: a batch is logged as one event per day and ${Limits.attendanceBatch} participants, each participant at its own time, those already recorded left out`, async () => {
    const world = await demoWorld();
    const official = world.byRole.official.id;
    const [first, ...more] = await world.sessions.recordConnections(world.sessionId, [
      { participantId: official, dayId: 'day-1', at: at(0) },
    ]);
    expect(more).toEqual([]);
    // An invited participant is named by their place in the order invited, a few bytes, not their id.
    const { participantOrder } = await world.commands.read(world.sessionId, (state) => state);
    expect(participantOrder.indexOf(official)).toBeGreaterThan(0);
    expect(first?.type === 'attendance:batch-connected' && first.payload.participants).toEqual([
      [participantOrder.indexOf(official), 0],
    ]);

    // Latest first: a batch is dated by its earliest connection, not its first.
    const dayOne: Connection[] = Array.from({ length: 2 * Limits.attendanceBatch + 100 }, (_, i) => ({
      participantId: `p${i}`,
      dayId: 'day-1',
      at: at(10_000 - i),
    }));
    const dayTwo: Connection[] = [
      { participantId: 'p0', dayId: 'day-2', at: at(900) },
      { participantId: official, dayId: 'day-2', at: at(950) },
    ];
    const connections = [
      { participantId: official, dayId: 'day-1', at: at(2_000) },
      ...dayOne.slice(0, 300),
      ...dayTwo,
      ...dayOne.slice(300),
    ];
    const events = await world.sessions.recordConnections(world.sessionId, connections);

    expect(batches(events)).toEqual([
      ['day-1', at(10_000 - 249), Limits.attendanceBatch],
      ['day-1', at(10_000 - 499), Limits.attendanceBatch],
      ['day-1', at(10_000 - 599), 100],
      ['day-2', at(900), 2],
    ]);
    const { attendance } = await world.commands.read(world.sessionId, (state) => state);
    // The official's first connection of day 1 stays; everyone else is there at their own time.
    expect(attendance['day-1']?.[official]?.connectedAt).toBe(at(0));
    for (const { participantId, dayId, at: connectedAt } of [...dayOne, ...dayTwo]) {
      expect(attendance[dayId]?.[participantId]?.connectedAt).toBe(connectedAt);
    }
    // Recorded once per participant and day: the same batch again appends nothing.
    expect(await world.sessions.recordConnections(world.sessionId, connections)).toEqual([]);
  });
});

describe('SessionService refusals name the field with a reason a screen words', () => {
  test('an invitation the session cannot grant: an administrator, an unknown unit, a presenter without a unit', async () => {
    const world = await demoWorld();
    const invite = (role: Role, unitId: string | null) =>
      refusal(world.sessions.invite(world.sessionId, { name: 'Someone', role, unitId }));
    expect((await invite('administrator', null)).issues).toEqual([
      { path: 'role', message: 'not a session role', reason: { code: 'not-a-session-role' } },
    ]);
    expect((await invite('official', 'nowhere')).issues).toEqual([
      { path: 'unitId', message: 'unknown unit', reason: { code: 'unknown-unit' } },
    ]);
    expect((await invite('presenter', null)).issues).toEqual([
      { path: 'unitId', message: 'a presenter needs a unit', reason: { code: 'presenter-needs-unit' } },
    ]);
  });

  test('a previous session that does not exist, or is not of an earlier period', async () => {
    const world = await demoWorld();
    const definition = await world.commands.read(world.sessionId, (s) => s.definition!);
    const convene = (previousSessionId: string, period: string) =>
      refusal(
        world.sessions.convene({
          definition: { ...definition, title: 'Next review', period, previousSessionId },
          units: [],
          chairName: 'Chair',
        }),
      );
    expect((await convene('nowhere', '2099-Q1')).issues).toEqual([
      { path: 'session.previousSessionId', message: 'unknown session', reason: { code: 'unknown-session' } },
    ]);
    expect((await convene(world.sessionId, definition.period)).issues).toEqual([
      {
        path: 'session.period',
        message: 'not after the previous session’s period',
        reason: { code: 'period-not-after-previous', previousPeriod: definition.period },
      },
    ]);
  });
});

describe('SessionService.convene', () => {
  test('days out of date order are refused on their dates on every path; past days in order are not', async () => {
    const world = await demoWorld(manualClock('2026-04-13T05:00:00.000Z').clock);
    const definition = await world.commands.read(world.sessionId, (s) => s.definition!);
    // A review of an earlier quarter, as the demo's seeding and tests that build history convene it.
    const earlier = (...dates: string[]) => ({
      ...definition,
      title: 'Earlier review',
      period: '2025-Q3',
      previousSessionId: null,
      days: dates.map((date, i) => ({ id: `d${i + 1}`, date, title: `Day ${i + 1}` })),
    });
    const outOfOrder = [
      dayDateIssue('session.days.1.date', 'day-not-after-previous', '2025-10-14'),
      dayDateIssue('session.days.2.date', 'day-not-after-previous', '2025-10-14'),
    ];
    const convened = refusal(
      world.sessions.convene({
        definition: earlier('2025-10-14', '2025-10-13', '2025-10-14'),
        units: [],
        chairName: 'Chair',
      }),
    );
    expect(await convened).toMatchObject({ code: 'INVALID_PAYLOAD', issues: outOfOrder });
    const created = refusal(
      world.sessions.createSession(earlier('2025-10-14', '2025-10-13', '2025-10-14'), [], 'Chair', 'earlier'),
    );
    expect((await created).issues).toEqual(outOfOrder);
    // Refused before anything is logged.
    expect(await world.commands.read('earlier', (s) => s.definition)).toBeNull();

    expect(
      (await world.sessions.createSession(earlier('2025-10-13', '2025-10-14'), [], 'Chair')).sessionId,
    ).toBeTruthy();
  });
});

describe('SessionService.conveneAhead', () => {
  test('a day before today, or not after the day ahead of it, is refused on its date; a day of today is not', async () => {
    // 05:00 on 13 April in UTC is still the 12th where the day is furthest behind (UTC−12).
    const world = await demoWorld(manualClock('2026-04-13T05:00:00.000Z').clock);
    const definition = await world.commands.read(world.sessionId, (s) => s.definition!);
    const convene = (...dates: string[]) =>
      world.sessions.conveneAhead({
        definition: {
          ...definition,
          title: 'Next review',
          period: '2026-Q2',
          previousSessionId: null,
          days: dates.map((date, i) => ({ id: `d${i + 1}`, date, title: `Day ${i + 1}` })),
        },
        units: [],
        chairName: 'Chair',
      });
    const error = await refusal(convene('2026-04-11', '2026-04-20', '2026-04-20'));
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.issues).toEqual([
      dayDateIssue('session.days.0.date', 'day-before-today', '2026-04-12'),
      dayDateIssue('session.days.2.date', 'day-not-after-previous', '2026-04-20'),
    ]);
    expect((await convene('2026-04-12', '2026-04-14')).sessionId).toBeTruthy();
  });
});
