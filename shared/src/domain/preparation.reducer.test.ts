import { describe, expect, test } from 'vitest';
import { defaultThresholds, newEvent, type NewEvent } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import { foldEvents } from './reducer.js';
import { emptySessionState } from './state.js';

const at = '2026-04-02T10:00:00.000Z';
const item = (id: string, dayId: string, order: number) =>
  newEvent('agenda:item-added', {
    item: { id, dayId, unitId: null, topic: id, plannedMinutes: 10, warningId: null },
    order,
  });
const official = { id: 'p1', name: 'Official', role: 'official' as const, unitId: null };
const stateAfter = (...events: NewEvent[]) => foldEvents(emptySessionState('s1'), logOf([created, ...events]));
const order = (state: ReturnType<typeof stateAfter>) =>
  state.agendaOrder.map((id) => [id, state.agenda[id]!.dayId, state.agenda[id]!.order]);

describe('preparation events', () => {
  test('session:configured changes only the fields it carries', () => {
    const link = stateAfter(newEvent('session:configured', { conferenceLink: 'https://meet.example.org/q1' }));
    expect(link.definition?.conferenceLink).toBe('https://meet.example.org/q1');
    expect(link.definition?.thresholds).toEqual(defaultThresholds);
    const thresholds = { warningBelow: 0.8, jumpFactor: 2, reportingGap: 0.1 };
    const both = stateAfter(
      newEvent('session:configured', { conferenceLink: 'https://meet.example.org/q1' }),
      newEvent('session:configured', { thresholds }),
    );
    expect(both.definition).toMatchObject({ conferenceLink: 'https://meet.example.org/q1', thresholds });
    expect(stateAfter(newEvent('session:configured', { conferenceLink: null })).definition?.conferenceLink).toBeNull();
  });

  test('day:added, day:updated, day:removed keep the definition and the day states together', () => {
    const day = { id: 'd3', date: '2026-04-15', title: 'Day 3', startTime: '09:00', plannedEnd: null };
    const added = stateAfter(newEvent('day:added', { day }));
    expect(added.definition?.days.at(-1)).toEqual(day);
    expect(added.days.d3).toEqual({ status: 'scheduled', openedAt: null, adjournedAt: null, reopenings: [] });
    const updated = stateAfter(
      newEvent('day:added', { day }),
      newEvent('day:updated', { id: 'd3', title: 'Agriculture', startTime: '10:00', plannedEnd: '12:00' }),
    );
    expect(updated.definition?.days.at(-1)).toEqual({
      ...day,
      title: 'Agriculture',
      startTime: '10:00',
      plannedEnd: '12:00',
    });
    const removed = stateAfter(newEvent('day:added', { day }), newEvent('day:removed', { dayId: 'd3' }));
    expect(removed.definition?.days.map((d) => d.id)).toEqual(['d1', 'd2']);
    expect(removed.days.d3).toBeUndefined();
  });

  test('unit:retired is kept with when', () => {
    expect(stateAfter(newEvent('unit:retired', { unitId: 'u9', at })).retiredUnits).toEqual({ u9: at });
  });

  test('a participant’s access: invited, expiry set, revoked, reissued; a change replaces the participant', () => {
    const invited = newEvent('participant:invited', { participant: official });
    const state = stateAfter(
      invited,
      newEvent('participant:expiry-set', { participantId: 'p1', expiresAt: '2026-05-01T00:00:00.000Z' }),
      newEvent('participant:revoked', { participantId: 'p1', at }),
    );
    expect(state.access.p1).toEqual({
      invitedAt: '2026-04-13T09:00:00.000Z',
      revokedAt: at,
      expiresAt: '2026-05-01T00:00:00.000Z',
      reissuedAt: null,
    });
    const reissued = stateAfter(
      invited,
      newEvent('participant:revoked', { participantId: 'p1', at }),
      newEvent('participant:reissued', { participantId: 'p1', at: '2026-04-03T10:00:00.000Z' }),
      newEvent('participant:changed', { participant: { ...official, role: 'inspector', name: 'Inspector' } }),
    );
    expect(reissued.access.p1).toMatchObject({ revokedAt: null, reissuedAt: '2026-04-03T10:00:00.000Z' });
    expect(reissued.participants.p1).toMatchObject({ role: 'inspector', name: 'Inspector' });
    // Events about someone never invited change nothing.
    expect(stateAfter(newEvent('participant:revoked', { participantId: 'p9', at })).access).toEqual({});
  });

  test('agenda:item-updated changes the unit, kind, topic and timebox; agenda:item-removed takes the item off', () => {
    const updated = stateAfter(
      item('a', 'd1', 0),
      newEvent('agenda:item-updated', {
        itemId: 'a',
        unitId: 'u1',
        kind: 'report',
        topic: 'Steel',
        plannedMinutes: 25,
      }),
    );
    expect(updated.agenda.a).toMatchObject({
      unitId: 'u1',
      kind: 'report',
      topic: 'Steel',
      plannedMinutes: 25,
      dayId: 'd1',
    });
    const removed = stateAfter(
      item('a', 'd1', 0),
      item('b', 'd1', 1),
      newEvent('agenda:item-removed', { itemId: 'a' }),
    );
    expect(removed.agenda.a).toBeUndefined();
    expect(removed.agendaOrder).toEqual(['b']);
  });

  test('agenda:item-moved places the item among the target day’s items and numbers that day again', () => {
    const agenda = [item('a', 'd1', 0), item('b', 'd1', 1), item('c', 'd1', 2), item('x', 'd2', 0)];
    const withinDay = stateAfter(...agenda, newEvent('agenda:item-moved', { itemId: 'c', toDayId: 'd1', position: 0 }));
    expect(order(withinDay)).toEqual([
      ['c', 'd1', 0],
      ['a', 'd1', 1],
      ['b', 'd1', 2],
      ['x', 'd2', 0],
    ]);
    const toOtherDay = stateAfter(
      ...agenda,
      newEvent('agenda:item-moved', { itemId: 'a', toDayId: 'd2', position: 1 }),
    );
    expect(order(toOtherDay)).toEqual([
      ['b', 'd1', 1],
      ['c', 'd1', 2],
      ['x', 'd2', 0],
      ['a', 'd2', 1],
    ]);
  });

  test('changes after the notice are amendments, with the day and item they touch; none in a draft', () => {
    const noticed = newEvent('session:noticed', { noticeDate: '2026-04-01', at });
    const state = stateAfter(
      item('a', 'd1', 0),
      newEvent('session:renamed', { title: 'Draft title' }),
      noticed,
      newEvent('agenda:item-moved', { itemId: 'a', toDayId: 'd2', position: 0 }),
      newEvent('agenda:item-removed', { itemId: 'a' }),
      newEvent('day:updated', { id: 'd1', title: 'Day 1', startTime: '09:00', plannedEnd: null }),
      newEvent('session:configured', { conferenceLink: null }),
      newEvent('participant:invited', { participant: official }),
    );
    expect(state.amendments.map(({ seq, type, dayId, itemId }) => ({ seq, type, dayId, itemId }))).toEqual([
      { seq: 5, type: 'agenda:item-moved', dayId: 'd2', itemId: 'a' },
      { seq: 6, type: 'agenda:item-removed', dayId: 'd2', itemId: 'a' },
      { seq: 7, type: 'day:updated', dayId: 'd1', itemId: null },
      { seq: 8, type: 'session:configured', dayId: null, itemId: null },
    ]);
    expect(state.amendments[0]).toMatchObject({ at: '2026-04-13T09:00:00.000Z', actorId: 'chair-1' });
  });
});
