import { Limits, type SessionEvent } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { demoWorld } from '../test/demoWorld.js';
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
    expect(
      await world.sessions.recordConnections(world.sessionId, [{ participantId: official, dayId: 'day-1', at: at(0) }]),
    ).toHaveLength(1);

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
