import { describe, expect, test } from 'vitest';
import { newEvent, type NewEvent, type Participant } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import { unitAdded } from '../test/units.js';
import { dayAttendance, itemPresenters, participantOfRef, participantRef, wasPresent } from './attendance.js';
import { foldEvents } from './reducer.js';
import { emptySessionState } from './state.js';

const at = '2026-04-13T09:00:00.000Z';
const people: Participant[] = [
  { id: 'chair', name: 'Chair', role: 'chair', unitId: null },
  { id: 'official', name: 'Official', role: 'official', unitId: null },
  { id: 'inspector', name: 'Inspector', role: 'inspector', unitId: null },
  { id: 'screen', name: 'Room screen', role: 'observer', unitId: null },
  { id: 'presenter', name: 'Presenter', role: 'presenter', unitId: 'u1' },
  { id: 'deputy', name: 'Deputy', role: 'presenter', unitId: 'u1' },
];
const stateAfter = (...events: NewEvent[]) =>
  foldEvents(
    emptySessionState('s1'),
    logOf([
      created,
      unitAdded('u1'),
      ...people.map((participant) => newEvent('participant:invited', { participant })),
      newEvent('agenda:item-added', {
        item: { id: 'i1', dayId: 'd1', unitId: 'u1', topic: 'Plan and results', plannedMinutes: 20, warningId: null },
        order: 0,
      }),
      ...events,
    ]),
  );
const connected = (participantId: string, dayId = 'd1') =>
  newEvent('attendance:connected', { dayId, participantId, at });
const rollCall = (participantId: string, present: boolean, dayId = 'd1') =>
  newEvent('attendance:recorded', { dayId, participantId, present });
const started = newEvent('agenda:item-started', { itemId: 'i1', startedAt: at });

describe('attendance', () => {
  test('present: the roll call where it was taken for a participant, else a connection that day', () => {
    const state = stateAfter(
      connected('chair'),
      connected('official'),
      rollCall('official', false),
      rollCall('inspector', true),
      connected('presenter', 'd2'),
    );
    expect(wasPresent(state, 'd1', 'chair')).toBe(true);
    expect(wasPresent(state, 'd1', 'official')).toBe(false);
    expect(wasPresent(state, 'd1', 'inspector')).toBe(true);
    expect(wasPresent(state, 'd1', 'presenter')).toBe(false);
    expect(wasPresent(state, 'd2', 'presenter')).toBe(true);

    const day = dayAttendance(state, 'd1');
    // The room's screen is not a participant to count.
    expect(day.invited.map((p) => p.id)).toEqual(['chair', 'official', 'inspector', 'presenter', 'deputy']);
    expect(day.present.map((p) => p.id)).toEqual(['chair', 'inspector']);
    expect(day.absent.map((p) => p.id)).toEqual(['official', 'presenter', 'deputy']);
    expect(day.connected).toBe(2);
  });

  test('an item’s presenters are its unit’s presenters present on its day, once it has started', () => {
    expect(itemPresenters(stateAfter(connected('presenter')), stateAfter().agenda['i1']!)).toEqual([]);
    const named = (...events: NewEvent[]) => {
      const state = stateAfter(...events, started);
      return itemPresenters(state, state.agenda['i1']!).map((p) => p.id);
    };
    expect(named(connected('presenter'), connected('deputy'))).toEqual(['presenter', 'deputy']);
    // Marked absent at the roll call although connected; connected only on another day.
    expect(named(connected('presenter'), rollCall('presenter', false), connected('deputy', 'd2'))).toEqual([]);
    expect(named(rollCall('deputy', true))).toEqual(['deputy']);
  });
});

describe('participant references', () => {
  test('an attendance batch names participants by their place in the order invited; one invited again keeps their place', () => {
    const reinvited = newEvent('participant:changed', { participant: { ...people[1]!, name: 'Official, renamed' } });
    const state = stateAfter(
      reinvited,
      newEvent('participant:invited', { participant: people[0]! }),
      newEvent('day:opened', { dayId: 'd1', at }),
    );
    expect(state.participantOrder).toEqual(people.map((p) => p.id));
    const order = state.participantOrder;
    expect(participantRef(order, 'presenter')).toBe(4);
    expect(participantRef(order, 'chair')).toBe(0);
    // Someone the order does not hold is named by id, as logs written before name everyone.
    expect(participantRef(order, 'stranger')).toBe('stranger');

    const after = foldEvents(
      state,
      logOf([
        newEvent('attendance:batch-connected', {
          dayId: 'd1',
          at,
          participants: [
            [participantRef(order, 'presenter'), 0],
            [participantRef(order, 'inspector'), 250],
            ['deputy', 500],
            [99, 750],
          ],
        }),
      ]).map((e) => ({ ...e, seq: e.seq + state.lastSeq })),
    );
    expect(Object.keys(after.attendance.d1 ?? {}).sort()).toEqual(['deputy', 'inspector', 'presenter']);
    expect(after.attendance.d1?.inspector?.connectedAt).toBe('2026-04-13T09:00:00.250Z');
  });

  test('a reference follows the order as it grows, whatever was looked up before', () => {
    const order: string[] = ['a'];
    expect(participantRef(order, 'b')).toBe('b');
    order.push('b');
    expect(participantRef(order, 'b')).toBe(1);
    expect(participantOfRef(order, 1)).toBe('b');
    expect(participantOfRef(order, 'a')).toBe('a');
    expect(participantOfRef(order, 2)).toBeUndefined();
  });
});
