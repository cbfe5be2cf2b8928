import { emptySessionState, type Participant, type SessionEvent, type SessionState } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { dueNotifications, notificationId, notificationsOfEvent } from './derive.js';

const at = '2026-04-13T09:00:00.000Z';
const envelope = { sessionId: 's1', at, actorId: 'p-official' };

const people: Participant[] = [
  { id: 'p-chair', name: 'Chair', role: 'chair', unitId: null },
  { id: 'p-steel', name: 'Presenter — Steel', role: 'presenter', unitId: 'riverside-steel' },
  { id: 'p-steel-2', name: 'Deputy — Steel', role: 'presenter', unitId: 'riverside-steel' },
  { id: 'p-coal', name: 'Presenter — Coal', role: 'presenter', unitId: 'coal-mine-3' },
  { id: 'p-official', name: 'Official', role: 'official', unitId: null },
  { id: 'p-gone', name: 'Revoked — Steel', role: 'presenter', unitId: 'riverside-steel' },
];

function state(): SessionState {
  const s = emptySessionState('s1');
  for (const p of people) {
    s.participants[p.id] = p;
    s.access[p.id] = { invitedAt: at, revokedAt: p.id === 'p-gone' ? at : null, expiresAt: null, reissuedAt: null };
  }
  s.units['riverside-steel'] = { id: 'riverside-steel', name: 'Riverside Steel' } as SessionState['units'][string];
  s.agenda['item-2'] = {
    id: 'item-2',
    dayId: 'day-1',
    unitId: 'riverside-steel',
    topic: 'Riverside Steel — plan and results',
    plannedMinutes: 20,
  } as unknown as SessionState['agenda'][string];
  const directive = (id: string, dueDate: string, status = 'open') =>
    ({
      id,
      kind: 'explain-failure',
      assigneeUnitId: 'coal-mine-3',
      inspectorId: null,
      title: `Explain ${id}`,
      dueDate,
      status,
    }) as SessionState['directives'][string];
  for (const [id, due, status] of [
    ['d-overdue', '2026-04-10', 'open'],
    ['d-soon', '2026-04-15', 'acknowledged'],
    ['d-later', '2026-04-16', 'open'],
    ['d-done', '2026-04-01', 'accepted'],
  ] as const) {
    s.directives[id] = directive(id, due, status);
    s.directiveOrder.push(id);
  }
  return s;
}

const event = (seq: number, type: string, payload: object) => ({ ...envelope, seq, type, payload }) as SessionEvent;

describe('notifications derived from the log', () => {
  test('an item start tells the presenters of its unit, not a revoked one, nor anyone else', () => {
    const made = notificationsOfEvent(event(7, 'agenda:item-started', { itemId: 'item-2', startedAt: at }), state());
    expect(made.map((n) => [n.participantId, n.kind])).toEqual([
      ['p-steel', 'item-starts'],
      ['p-steel-2', 'item-starts'],
    ]);
    expect(made[0]!.subject).toMatchObject({
      itemId: 'item-2',
      unitId: 'riverside-steel',
      title: 'Riverside Steel — plan and results',
    });
    expect(made[0]!.readAt).toBeNull();
  });

  test('the floor is told to the one given it; a criticism to its unit’s presenters; an explanation to the chair', () => {
    const s = state();
    const floor = notificationsOfEvent(
      event(8, 'floor:given', { participantId: 'p-official', itemId: 'item-2', at }),
      s,
    );
    expect(floor.map((n) => [n.participantId, n.kind])).toEqual([['p-official', 'floor-given']]);
    const criticism = notificationsOfEvent(
      event(9, 'criticism:posted', {
        criticismId: 'c1',
        unitId: 'riverside-steel',
        itemId: 'item-2',
        text: 'Inflated',
      }),
      s,
    );
    expect(criticism.map((n) => n.participantId)).toEqual(['p-steel', 'p-steel-2']);
    expect(criticism[0]!.subject.criticismId).toBe('c1');
    const explained = notificationsOfEvent(event(10, 'directive:answered', { directiveId: 'd-overdue', text: 'x' }), s);
    expect(explained.map((n) => [n.participantId, n.kind])).toEqual([['p-chair', 'explanation-waiting']]);
    const relayed = notificationsOfEvent(
      event(11, 'directive:relayed', {
        directiveId: 'd-overdue',
        fromSessionId: 'follow-up',
        steps: [{ action: 'answered', unitId: 'coal-mine-3', toUnitId: null, text: 'x', actorId: 'p', at }],
        holderUnitId: 'centre',
      }),
      s,
    );
    expect(relayed.map((n) => [n.participantId, n.kind, n.subject.directiveId])).toEqual([
      ['p-chair', 'explanation-waiting', 'd-overdue'],
    ]);
  });

  test('a directive issued tells whoever answers it: the presenters of its unit, or the inspector an inspection order names', () => {
    const s = state();
    const issued = (directiveId: string) => event(12, 'directive:issued', { directiveId });
    const toUnit = notificationsOfEvent(issued('d-later'), s);
    expect(toUnit.map((n) => [n.participantId, n.kind])).toEqual([['p-coal', 'directive-issued']]);
    expect(toUnit[0]!.subject).toMatchObject({
      directiveId: 'd-later',
      title: 'Explain d-later',
      dueDate: '2026-04-16',
    });

    s.participants['p-inspector'] = { id: 'p-inspector', name: 'Inspector', role: 'inspector', unitId: null };
    s.access['p-inspector'] = { invitedAt: at, revokedAt: null, expiresAt: null, reissuedAt: null };
    s.directives['d-later']!.inspectorId = 'p-inspector';
    expect(notificationsOfEvent(issued('d-later'), s).map((n) => n.participantId)).toEqual(['p-inspector']);
  });

  test('events that concern nobody in particular notify nobody', () => {
    expect(notificationsOfEvent(event(11, 'session:noticed', { noticeDate: '2026-04-01', at }), state())).toEqual([]);
  });

  test('ids are stable per source, recipient and kind, and differ when any of them does', () => {
    const started = event(7, 'agenda:item-started', { itemId: 'item-2', startedAt: at });
    const [first] = notificationsOfEvent(started, state());
    expect(notificationsOfEvent(started, state())[0]!.id).toBe(first!.id);
    expect(first!.id).toBe(notificationId('s1', 'seq:7', 'p-steel', 'item-starts'));
    expect(notificationId('s1', 'seq:8', 'p-steel', 'item-starts')).not.toBe(first!.id);
    expect(notificationId('s1', 'seq:7', 'p-steel-2', 'item-starts')).not.toBe(first!.id);
    expect(notificationId('s1', 'seq:7', 'p-steel', 'floor-given')).not.toBe(first!.id);
  });
});

describe('reminders of due dates', () => {
  test('an open directive past its date is overdue; one due within two days is due soon; others wait', () => {
    const made = dueNotifications(state(), '2026-04-13T12:00:00.000Z');
    expect(made.map((n) => [n.subject.directiveId, n.participantId, n.kind])).toEqual([
      ['d-overdue', 'p-coal', 'directive-overdue'],
      ['d-soon', 'p-coal', 'directive-due-soon'],
    ]);
    expect(made[0]!.subject.dueDate).toBe('2026-04-10');
  });

  test('a later check makes the same ids (stored once), and a due-soon directive turns overdue under a new id', () => {
    const first = dueNotifications(state(), '2026-04-13T12:00:00.000Z');
    const again = dueNotifications(state(), '2026-04-13T18:00:00.000Z');
    expect(again.map((n) => n.id)).toEqual(first.map((n) => n.id));
    const later = dueNotifications(state(), '2026-04-16T08:00:00.000Z');
    const soon = later.find((n) => n.subject.directiveId === 'd-soon')!;
    expect(soon.kind).toBe('directive-overdue');
    expect(first.map((n) => n.id)).not.toContain(soon.id);
  });

  test('an inspection order reminds the inspector it names, not the unit', () => {
    const s = state();
    s.participants['p-inspector'] = { id: 'p-inspector', name: 'Inspector', role: 'inspector', unitId: null };
    s.access['p-inspector'] = { invitedAt: at, revokedAt: null, expiresAt: null, reissuedAt: null };
    s.directives['d-overdue']!.inspectorId = 'p-inspector';
    const made = dueNotifications(s, '2026-04-13T12:00:00.000Z');
    expect(made.filter((n) => n.subject.directiveId === 'd-overdue').map((n) => n.participantId)).toEqual([
      'p-inspector',
    ]);
  });
});
