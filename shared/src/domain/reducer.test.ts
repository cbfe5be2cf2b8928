import { describe, expect, test } from 'vitest';
import { newEvent, type NewEvent } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import { foldEvents, SeqGapError } from './reducer.js';
import { currentItem, criticismsOfItem, itemsOfDay } from './selectors.js';
import { emptySessionState } from './state.js';

const base: NewEvent[] = [
  created,
  newEvent('unit:added', {
    unit: {
      id: 'u1',
      name: 'Cement Plant',
      kind: 'enterprise',
      parentId: null,
      ownership: 'state',
      sector: 'Building',
      class: '2nd class',
      region: 'East',
    },
  }),
  newEvent('agenda:item-added', {
    item: { id: 'i2', dayId: 'd2', unitId: 'u1', topic: 'Day two item', plannedMinutes: 10, warningId: null },
    order: 0,
  }),
  newEvent('agenda:item-added', {
    item: { id: 'i1', dayId: 'd1', unitId: 'u1', topic: 'Cement Plant', plannedMinutes: 20, warningId: null },
    order: 0,
  }),
];

describe('reducer', () => {
  test('folds a session from its log, ordering the agenda by day then position', () => {
    const state = foldEvents(emptySessionState('s1'), logOf(base));
    expect(state.lastSeq).toBe(4);
    expect(state.definition?.title).toBe('Q1 review');
    expect(state.agendaOrder).toEqual(['i1', 'i2']);
    expect(itemsOfDay(state, 'd1').map((i) => i.id)).toEqual(['i1']);
  });

  test('P4: events at or below lastSeq are skipped as duplicates', () => {
    const log = logOf(base);
    const once = foldEvents(emptySessionState('s1'), log);
    const twice = foldEvents(once, log.slice(1));
    expect(twice).toBe(once);
  });

  test('P1: a gap in seq throws instead of folding out of order', () => {
    const log = logOf(base);
    expect(() => foldEvents(emptySessionState('s1'), [log[0]!, log[2]!])).toThrow(SeqGapError);
  });

  test('leaves the previous state untouched', () => {
    const before = foldEvents(emptySessionState('s1'), logOf(base));
    const after = foldEvents(
      before,
      logOf([newEvent('agenda:item-started', { itemId: 'i1', startedAt: '2026-04-13T09:05:00.000Z' })], {
        firstSeq: 5,
      }),
    );
    expect(before.agenda.i1?.status).toBe('pending');
    expect(after.agenda.i1?.status).toBe('presenting');
    expect(currentItem(after)?.id).toBe('i1');
    expect(after.units).toBe(before.units);
  });

  test('runs an item through the floor with a criticism and endorsements', () => {
    const log = logOf([
      ...base,
      newEvent('agenda:item-started', { itemId: 'i1', startedAt: '2026-04-13T09:05:00.000Z' }),
      newEvent('agenda:floor-opened', { itemId: 'i1', openedAt: '2026-04-13T09:15:00.000Z' }),
      newEvent('criticism:posted', {
        criticismId: 'c1',
        itemId: 'i1',
        unitId: 'u1',
        category: 'shortfall',
        severity: 'high',
        indicatorId: null,
        text: 'Cement is 35 % short.',
      }),
      newEvent('criticism:endorsed', { criticismId: 'c1', participantId: 'p2' }),
      newEvent('criticism:endorsed', { criticismId: 'c1', participantId: 'p2' }),
      newEvent('agenda:item-closed', { itemId: 'i1', closedAt: '2026-04-13T09:30:00.000Z' }),
    ]);
    const state = foldEvents(emptySessionState('s1'), log);
    expect(state.agenda.i1?.status).toBe('closed');
    expect(state.currentItemId).toBeNull();
    const [criticism] = criticismsOfItem(state, 'i1');
    expect(criticism?.authorId).toBe('chair-1');
    expect(criticism?.endorsedBy).toEqual(['p2']);
  });

  test('a deferred item is carried to the later day as a new pending item', () => {
    const log = logOf([
      ...base,
      newEvent('agenda:item-started', { itemId: 'i1', startedAt: '2026-04-13T09:05:00.000Z' }),
      newEvent('agenda:item-deferred', { itemId: 'i1', toDayId: 'd2', newItemId: 'i1b' }),
    ]);
    const state = foldEvents(emptySessionState('s1'), log);
    expect(state.agenda.i1).toMatchObject({ status: 'deferred', deferredToItemId: 'i1b' });
    expect(state.agenda.i1b).toMatchObject({ status: 'pending', dayId: 'd2', carriedFromItemId: 'i1', order: 1 });
    expect(state.agendaOrder).toEqual(['i1', 'i2', 'i1b']);
    expect(state.currentItemId).toBeNull();
  });

  test('a resubmitted report keeps verified values and counts revisions', () => {
    const indicator = {
      id: 'x',
      name: 'Cement',
      measure: 't',
      planned: 100,
      reported: 60,
      weight: 1,
      isProduction: true,
      previous: null,
      partOf: null,
    };
    const first = foldEvents(
      emptySessionState('s1'),
      logOf([...base, newEvent('report:submitted', { unitId: 'u1', indicators: [indicator], note: null })]),
    );
    const again = foldEvents(
      first,
      logOf(
        [
          newEvent('report:submitted', {
            unitId: 'u1',
            indicators: [{ ...indicator, reported: 65 }],
            note: 'corrected',
          }),
        ],
        { firstSeq: 6 },
      ),
    );
    expect(again.reports.u1).toMatchObject({ revision: 2, note: 'corrected' });
    expect(again.reports.u1?.indicators[0]).toMatchObject({ reported: 65, verified: null });
  });
});
