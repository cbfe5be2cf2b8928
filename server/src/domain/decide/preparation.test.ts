import {
  defaultThresholds,
  emptySessionState,
  foldEvents,
  newEvent,
  type Command,
  type NewEvent,
  type SessionEvent,
} from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { DomainError } from '../errors.js';
import { decide } from './index.js';

const chair = { id: 'chair-1', name: 'Chair', role: 'chair' as const, unitId: null };
const ctx = { actor: chair, now: '2026-04-01T09:00:00.000Z', newId: () => 'new-id' };

/** A draft: two days, one unit, folded by the shared reducer. */
function draft(...events: NewEvent[]) {
  const log: SessionEvent[] = [
    newEvent('session:created', {
      title: 'Q2 review',
      period: '2026-Q2',
      organisation: 'Province',
      days: [
        { id: 'd1', date: '2026-07-13', title: 'Day 1' },
        { id: 'd2', date: '2026-07-14', title: 'Day 2', startTime: '09:00', plannedEnd: '17:00' },
      ],
      thresholds: defaultThresholds,
      conferenceLink: null,
      createdAt: '2026-06-01T00:00:00.000Z',
      organiserUnitId: null,
      previousSessionId: null,
    }),
    newEvent('unit:added', {
      unit: {
        id: 'u1',
        name: 'Steel',
        kind: 'enterprise',
        parentId: null,
        ownership: 'state',
        sector: 'Metallurgy',
        class: '1st class',
        region: 'North',
      },
    }),
    ...events,
  ].map((event, i) => ({ ...event, seq: i + 1, sessionId: 's1', at: ctx.now, actorId: 'chair-1' }));
  return foldEvents(emptySessionState('s1'), log);
}

function refused(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const run = (command: Command, state = draft()) => decide(state, command, ctx);

describe('preparation deciders', () => {
  test('an added item takes its kind from its unit unless given; a report without a unit may stand in a draft', () => {
    const add = (unitId: string | null, kind?: 'report') =>
      run({ type: 'agenda:add-item', payload: { dayId: 'd1', unitId, topic: 'x', plannedMinutes: 10, kind } });
    expect(add('u1')[0]?.payload).toMatchObject({ item: { id: 'new-id', kind: 'report', warningId: null }, order: 0 });
    expect(add(null)[0]?.payload).toMatchObject({ item: { kind: 'topic' } });
    expect(add(null, 'report')[0]?.payload).toMatchObject({ item: { kind: 'report', unitId: null } });
    expect(refused(() => add('u9')).code).toBe('NOT_FOUND');
  });

  test('an update that changes nothing is refused; one that changes the timebox is logged as given', () => {
    const state = draft(
      newEvent('agenda:item-added', {
        item: { id: 'i1', dayId: 'd1', unitId: 'u1', topic: 'Steel', plannedMinutes: 20, warningId: null },
        order: 0,
      }),
    );
    const payload = { itemId: 'i1', unitId: 'u1', kind: 'report' as const, topic: 'Steel', plannedMinutes: 20 };
    expect(refused(() => run({ type: 'agenda:update-item', payload }, state)).code).toBe('CONFLICT');
    expect(run({ type: 'agenda:update-item', payload: { ...payload, plannedMinutes: 30 } }, state)).toEqual([
      newEvent('agenda:item-updated', { ...payload, plannedMinutes: 30 }),
    ]);
  });

  test('a topic the system wrote stays so without a topic given; given, even in the same words, it is the chair’s', () => {
    const state = draft(
      newEvent('agenda:item-added', {
        item: {
          id: 'i1',
          dayId: 'd1',
          unitId: 'u1',
          topic: 'Steel — plan and results',
          plannedMinutes: 20,
          warningId: null,
          generatedTopic: { kind: 'report', unit: 'Steel' },
        },
        order: 0,
      }),
    );
    const payload = { itemId: 'i1', unitId: 'u1', kind: 'report' as const, plannedMinutes: 20 };
    expect(refused(() => run({ type: 'agenda:update-item', payload }, state)).message).toBe(
      '"Steel — plan and results" already says so.',
    );
    expect(run({ type: 'agenda:update-item', payload: { ...payload, plannedMinutes: 30 } }, state)).toEqual([
      newEvent('agenda:item-updated', { ...payload, plannedMinutes: 30 }),
    ]);
    const typed = { ...payload, topic: 'Steel — plan and results' };
    expect(run({ type: 'agenda:update-item', payload: typed }, state)).toEqual([
      newEvent('agenda:item-updated', typed),
    ]);
  });

  test('a new day gets a fresh id and comes after the last; its hours are in order', () => {
    const add = (date: string, startTime: string | null, plannedEnd: string | null) =>
      run({ type: 'day:add', payload: { date, title: 'Day 3', startTime, plannedEnd } });
    expect(add('2026-07-15', '09:00', '12:00')).toEqual([
      newEvent('day:added', {
        day: { id: 'new-id', date: '2026-07-15', title: 'Day 3', startTime: '09:00', plannedEnd: '12:00' },
      }),
    ]);
    expect(refused(() => add('2026-07-14', null, null)).refusal).toEqual({
      kind: 'day-out-of-order',
      field: 'date',
      after: '2026-07-14',
      before: null,
    });
    expect(refused(() => add('2026-07-15', '12:00', '12:00')).issues).toEqual([
      { path: 'plannedEnd', message: 'after 12:00', reason: { code: 'after-start-time', startTime: '12:00' } },
    ]);
  });

  test('a day update that changes nothing is refused; removing the last remaining day is refused', () => {
    const same = { dayId: 'd2', title: 'Day 2', startTime: '09:00', plannedEnd: '17:00' };
    expect(refused(() => run({ type: 'day:update', payload: same })).code).toBe('CONFLICT');
    expect(run({ type: 'day:update', payload: { ...same, plannedEnd: null } })).toEqual([
      newEvent('day:updated', { id: 'd2', title: 'Day 2', startTime: '09:00', plannedEnd: null }),
    ]);
    const oneDay = draft(newEvent('day:removed', { dayId: 'd2' }));
    expect(refused(() => run({ type: 'day:remove', payload: { dayId: 'd1' } }, oneDay)).message).toBe(
      'A session keeps at least one day.',
    );
  });

  test('configure logs only what differs from the session now', () => {
    expect(
      run({
        type: 'session:configure',
        payload: { thresholds: defaultThresholds, conferenceLink: 'https://meet.example.org/q2' },
      }),
    ).toEqual([newEvent('session:configured', { conferenceLink: 'https://meet.example.org/q2' })]);
    expect(refused(() => run({ type: 'session:configure', payload: { conferenceLink: null } })).code).toBe('CONFLICT');
    expect(refused(() => run({ type: 'session:configure', payload: {} })).code).toBe('CONFLICT');
  });

  test('the notice is refused with every problem, typed', () => {
    const error = refused(() => run({ type: 'session:publish-notice', payload: { noticeDate: '2026-07-14' } }));
    expect(error.code).toBe('CONFLICT');
    expect(error.refusal).toEqual({
      kind: 'notice-problems',
      problems: [
        { problem: 'day-in-past', dayId: 'd1', date: '2026-07-13', noticeDate: '2026-07-14' },
        { problem: 'day-without-items', dayId: 'd1' },
        { problem: 'day-without-items', dayId: 'd2' },
      ],
    });
  });
});
