import {
  defaultThresholds,
  emptySessionState,
  foldEvents,
  newEvent,
  type NewEvent,
  type SessionEvent,
} from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { DomainError } from '../errors.js';
import { decide } from './index.js';

const chair = { id: 'chair-1', name: 'Chair', role: 'chair' as const, unitId: null };
const ctx = { actor: chair, now: '2026-07-01T09:00:00.000Z', newId: () => 'new-id' };

/** A three-day review, the third day two days after the second, folded by the shared reducer. */
function review(...events: NewEvent[]) {
  const log: SessionEvent[] = [
    newEvent('session:created', {
      title: 'Q2 review',
      period: '2026-Q2',
      organisation: 'Province',
      days: [
        { id: 'd1', date: '2026-07-13', title: 'Day 1' },
        { id: 'd2', date: '2026-07-14', title: 'Day 2' },
        { id: 'd3', date: '2026-07-16', title: 'Day 3' },
      ],
      thresholds: defaultThresholds,
      conferenceLink: null,
      createdAt: '2026-06-01T00:00:00.000Z',
      organiserUnitId: null,
      previousSessionId: null,
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

const moveAll = (date: string, state = review()) =>
  decide(state, { type: 'session:reschedule-days', payload: { date } }, ctx);

describe('moving every day not yet opened at once', () => {
  test('a week later: one day:rescheduled per day, the gaps kept, the last day first so the days stay in order', () => {
    const events = moveAll('2026-07-20');
    expect(events).toEqual([
      newEvent('day:rescheduled', { dayId: 'd3', date: '2026-07-23' }),
      newEvent('day:rescheduled', { dayId: 'd2', date: '2026-07-21' }),
      newEvent('day:rescheduled', { dayId: 'd1', date: '2026-07-20' }),
    ]);
    const moved = review(...events);
    expect(moved.definition?.days.map((d) => d.date)).toEqual(['2026-07-20', '2026-07-21', '2026-07-23']);
  });

  test('earlier: the first day first, so the days stay in order after each event', () => {
    expect(moveAll('2026-07-10').map((e) => e.payload)).toEqual([
      { dayId: 'd1', date: '2026-07-10' },
      { dayId: 'd2', date: '2026-07-11' },
      { dayId: 'd3', date: '2026-07-13' },
    ]);
  });

  test('a day already opened stays; the days after it move, and may not come before it', () => {
    const opened = review(
      newEvent('session:noticed', { noticeDate: '2026-07-01', at: ctx.now }),
      newEvent('day:opened', { dayId: 'd1', at: ctx.now }),
      newEvent('day:adjourned', { dayId: 'd1', at: ctx.now }),
    );
    expect(moveAll('2026-07-21', opened).map((e) => e.payload)).toEqual([
      { dayId: 'd3', date: '2026-07-23' },
      { dayId: 'd2', date: '2026-07-21' },
    ]);
    const error = refused(() => moveAll('2026-07-13', opened));
    expect(error.code).toBe('CONFLICT');
    expect(error.refusal).toEqual({ kind: 'day-out-of-order', field: 'date', after: '2026-07-13', before: null });
    expect(error.message).toMatch(/after 2026-07-13/);
  });

  test('once the notice is out, the first day may not move before it', () => {
    const noticed = review(newEvent('session:noticed', { noticeDate: '2026-07-06', at: ctx.now }));
    const error = refused(() => moveAll('2026-07-03', noticed));
    expect(error.code).toBe('CONFLICT');
    expect(error.refusal).toEqual({ kind: 'day-before-notice', field: 'date', noticeDate: '2026-07-06' });
    expect(moveAll('2026-07-06', noticed)).toHaveLength(3);
  });

  test('a move to where the days are, or with every day opened, is refused', () => {
    expect(refused(() => moveAll('2026-07-13')).code).toBe('CONFLICT');
    const allOpened = review(
      ...['d1', 'd2', 'd3'].flatMap((dayId) => [
        newEvent('day:opened', { dayId, at: ctx.now }),
        newEvent('day:adjourned', { dayId, at: ctx.now }),
      ]),
    );
    expect(refused(() => moveAll('2026-08-01', allOpened)).code).toBe('CONFLICT');
  });

  test('a later day moved past the last date the protocol knows is refused on the date', () => {
    const error = refused(() => moveAll('2100-12-30'));
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.issues).toEqual([{ path: 'date', message: expect.stringMatching(/2100-12-31/) as string }]);
  });
});
