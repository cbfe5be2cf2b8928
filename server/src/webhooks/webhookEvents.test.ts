import { emptySessionState, webhookEventTypes, type SessionEvent, type SessionState } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { noticeOf, overdueNotice } from './webhookEvents.js';

const at = '2026-04-13T09:00:00.000Z';
const envelope = { sessionId: 's1', at, actorId: 'chair-1' };

function state(): SessionState {
  const s = emptySessionState('s1');
  s.agenda['item-2'] = {
    id: 'item-2',
    dayId: 'day-1',
    unitId: 'riverside-steel',
    topic: 'Riverside Steel',
    plannedMinutes: 20,
  } as SessionState['agenda'][string];
  s.directives.d1 = {
    id: 'd1',
    kind: 'explain-failure',
    assigneeUnitId: 'coal-mine-3',
    title: 'Explain the shortfall',
    dueDate: '2026-04-20',
    status: 'answered',
  } as SessionState['directives'][string];
  return s;
}

const events = [
  { type: 'session:noticed', payload: { noticeDate: '2026-04-01', at } },
  { type: 'agenda:item-started', payload: { itemId: 'item-2', startedAt: at } },
  {
    type: 'warning:issued',
    payload: { warningId: 'w1', unitId: 'coal-mine-3', fulfilment: 0.6, threshold: 0.7, note: null },
  },
  {
    type: 'directive:issued',
    payload: {
      directiveId: 'd1',
      kind: 'explain-failure',
      assigneeUnitId: 'coal-mine-3',
      title: 'Explain the shortfall',
      text: null,
      dueDate: '2026-04-20',
      fromCriticismId: null,
      orderedByUnitId: null,
      itemId: null,
    },
  },
  { type: 'directive:answered', payload: { directiveId: 'd1', text: 'The conveyor broke.' } },
  { type: 'session:closed', payload: { at } },
  {
    type: 'warning:reconsidered',
    payload: { unitId: 'coal-mine-3', decision: 'issued', warningId: 'w1', reason: 'Issued to the wrong mine.' },
  },
].map((event, i) => ({ ...envelope, seq: i + 10, ...event }) as SessionEvent);

describe('which log events become webhook notices', () => {
  test('each subscribed type comes from its event, naming the session and seq, with the context a receiver needs', () => {
    const notices = events.map((event) => noticeOf(event, state()));
    expect(notices.map((n) => n?.type)).toEqual([
      'session.noticed',
      'item.started',
      'warning.issued',
      'directive.issued',
      'explanation.submitted',
      'session.closed',
      'warning.withdrawn',
    ]);
    expect(notices[1]).toEqual({
      type: 'item.started',
      timestamp: at,
      data: {
        sessionId: 's1',
        seq: 11,
        sessionTitle: null,
        period: null,
        itemId: 'item-2',
        startedAt: at,
        unitId: 'riverside-steel',
        topic: 'Riverside Steel',
        plannedMinutes: 20,
      },
    });
    expect(notices[4]?.data).toMatchObject({
      directiveId: 'd1',
      assigneeUnitId: 'coal-mine-3',
      text: 'The conveyor broke.',
    });
    expect(notices[6]?.data).toMatchObject({
      warningId: 'w1',
      unitId: 'coal-mine-3',
      reason: 'Issued to the wrong mine.',
    });
    // With the overdue schedule's notice, every webhook type has its source.
    const overdue = overdueNotice(state(), state().directives.d1!, at);
    expect(new Set([...notices.map((n) => n?.type), overdue.type])).toEqual(new Set(webhookEventTypes));
    expect(overdue.data).toMatchObject({ seq: null, directiveId: 'd1', dueDate: '2026-04-20' });
  });

  test('other events make none, nor a waiver taken back (a waiver was never announced)', () => {
    const event = { ...envelope, seq: 3, type: 'floor:hand-lowered', payload: { participantId: 'p1' } } as SessionEvent;
    expect(noticeOf(event, state())).toBeNull();
    const waiver = {
      ...envelope,
      seq: 4,
      type: 'warning:reconsidered',
      payload: { unitId: 'coal-mine-3', decision: 'waived', warningId: null, reason: 'Waived the wrong mine.' },
    } as SessionEvent;
    expect(noticeOf(waiver, state())).toBeNull();
  });
});
