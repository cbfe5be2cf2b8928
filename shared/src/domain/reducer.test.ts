import { describe, expect, test } from 'vitest';
import { newEvent, type NewEvent } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import { criticismOf } from './criticismTable.js';
import { copySessionState, foldEvents, foldEventsInPlace, foldEventsOnCopy, SeqGapError } from './reducer.js';
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

/** One production indicator: 100 t planned, 60 t reported. */
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

describe('reducer', () => {
  test('folds a session from its log, ordering the agenda by day then position', () => {
    const state = foldEvents(emptySessionState('s1'), logOf(base));
    expect(state.lastSeq).toBe(4);
    expect(state.definition?.title).toBe('Q1 review');
    expect(state.agendaOrder).toEqual(['i1', 'i2']);
    expect(itemsOfDay(state, 'd1').map((i) => i.id)).toEqual(['i1']);
  });

  test('rehearsal 3: a session logged before the reporting-gap threshold reads the default of 5 %', () => {
    const payload = structuredClone(created.payload) as { thresholds: Record<string, number> };
    delete payload.thresholds.reportingGap;
    const logged = { type: 'session:created', payload } as NewEvent;
    const state = foldEvents(emptySessionState('s1'), logOf([logged]));
    expect(state.definition?.thresholds).toEqual({ warningBelow: 0.7, jumpFactor: 1.5, reportingGap: 0.05 });
    expect(payload.thresholds).toEqual({ warningBelow: 0.7, jumpFactor: 1.5 });
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

  test('rehearsal 5: a reopened item is back on the floor as it was, and a reopened day is open, each with its reason', () => {
    const log = logOf([
      ...base,
      newEvent('day:opened', { dayId: 'd1', at: '2026-04-13T09:00:00.000Z' }),
      newEvent('agenda:item-started', { itemId: 'i1', startedAt: '2026-04-13T09:05:00.000Z' }),
      newEvent('agenda:floor-opened', { itemId: 'i1', openedAt: '2026-04-13T09:15:00.000Z' }),
      newEvent('agenda:item-closed', { itemId: 'i1', closedAt: '2026-04-13T09:30:00.000Z' }),
      newEvent('agenda:item-reopened', { itemId: 'i1', reason: 'Closed mid-speech.', at: '2026-04-13T09:31:00.000Z' }),
      newEvent('day:adjourned', { dayId: 'd2', at: '2026-04-13T09:32:00.000Z' }),
      newEvent('day:reopened', { dayId: 'd2', reason: 'Adjourned by mistake.', at: '2026-04-13T09:33:00.000Z' }),
    ]);
    const state = foldEvents(emptySessionState('s1'), log);
    expect(state.agenda.i1).toMatchObject({
      status: 'floor-open',
      closedAt: null,
      timer: { runningSince: '2026-04-13T09:31:00.000Z', elapsedMs: 25 * 60_000 },
      reopenings: [
        {
          reason: 'Closed mid-speech.',
          at: '2026-04-13T09:31:00.000Z',
          actorId: 'chair-1',
          endedAt: '2026-04-13T09:30:00.000Z',
        },
      ],
    });
    expect(state.currentItemId).toBe('i1');
    expect(state.days.d2).toMatchObject({
      status: 'open',
      adjournedAt: null,
      reopenings: [{ reason: 'Adjourned by mistake.', endedAt: '2026-04-13T09:32:00.000Z' }],
    });
  });

  test('a reopening of an item that is not closed changes nothing', () => {
    const log = logOf([
      ...base,
      newEvent('agenda:item-reopened', { itemId: 'i1', reason: 'Never closed.', at: '2026-04-13T09:31:00.000Z' }),
    ]);
    const state = foldEvents(emptySessionState('s1'), log);
    expect(state.agenda.i1).toMatchObject({ status: 'pending', reopenings: [] });
    expect(state.currentItemId).toBeNull();
  });

  test('a resubmitted report keeps verified values and counts revisions', () => {
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

  test('rehearsal 4: the history records each change of a plan and a reported figure, and the notice its instant', () => {
    const noticed = newEvent('session:noticed', { noticeDate: '2026-03-30', at: '2026-03-30T10:00:00.000Z' });
    const state = foldEvents(
      emptySessionState('s1'),
      logOf([
        ...base,
        newEvent('report:submitted', { unitId: 'u1', indicators: [indicator], note: null }),
        noticed,
        newEvent('report:submitted', { unitId: 'u1', indicators: [{ ...indicator, planned: 90 }], note: null }),
      ]),
    );
    expect(state.noticedAt).toBe('2026-03-30T10:00:00.000Z');
    expect(state.reports.u1?.history.map((c) => [c.field, c.from, c.to])).toEqual([
      ['planned', null, 100],
      ['reported', null, 60],
      ['planned', 100, 90],
    ]);
  });
});

describe('warnings', () => {
  /** A warning of the previous period, open, as it is carried over. */
  const carried = (id: string) =>
    newEvent('warning:carried-over', {
      warning: {
        id,
        unitId: 'u1',
        status: 'open',
        fulfilment: 0.6,
        threshold: 0.7,
        note: null,
        issuedAt: '2026-01-12T09:00:00.000Z',
        sessionId: 's0',
        period: '2025-Q4',
        decisionNote: null,
      },
      fromSessionId: 's0',
    });

  test('a lift and an escalation are decided at their events’ time; an issued or carried warning is undecided', () => {
    const log = logOf([
      ...base,
      carried('w1'),
      carried('w2'),
      carried('w3'),
      newEvent('warning:issued', { warningId: 'w4', unitId: 'u1', fulfilment: 0.5, threshold: 0.7, note: null }),
      newEvent('warning:lifted', { warningId: 'w1', note: 'Back on plan.' }),
      newEvent('warning:escalated', { warningId: 'w2', note: 'Still under plan.' }),
    ]);
    log.at(-2)!.at = '2026-04-13T09:40:00.000Z';
    log.at(-1)!.at = '2026-04-13T09:55:00.000Z';
    const state = foldEvents(emptySessionState('s1'), log);
    expect(state.warnings.w1).toMatchObject({
      status: 'lifted',
      decisionNote: 'Back on plan.',
      decidedAt: '2026-04-13T09:40:00.000Z',
    });
    expect(state.warnings.w2).toMatchObject({
      status: 'escalated',
      decisionNote: 'Still under plan.',
      decidedAt: '2026-04-13T09:55:00.000Z',
    });
    expect(state.warnings.w3).toMatchObject({ status: 'open', decidedAt: null });
    expect(state.warnings.w4).toMatchObject({ status: 'open', decidedAt: null });
  });
});

describe('attendance', () => {
  const opened = newEvent('day:opened', { dayId: 'd1', at: '2026-04-13T09:00:00.000Z' });

  test('P21: a batch of connections records each participant at their own time, once per day, after a connection logged on its own', () => {
    const state = foldEvents(
      emptySessionState('s1'),
      logOf([
        ...base,
        opened,
        // As logs written before batches hold it.
        newEvent('attendance:connected', { dayId: 'd1', participantId: 'p1', at: '2026-04-13T09:00:05.000Z' }),
        newEvent('attendance:recorded', { dayId: 'd1', participantId: 'p2', present: true }),
        newEvent('attendance:batch-connected', {
          dayId: 'd1',
          at: '2026-04-13T09:00:10.000Z',
          participants: [
            ['p1', 0],
            ['p2', 250],
            ['p3', 1_500],
          ],
        }),
        newEvent('attendance:batch-connected', {
          dayId: 'd2',
          at: '2026-04-14T09:00:00.000Z',
          participants: [['p2', 0]],
        }),
        // Later records of the same participant and day change nothing.
        newEvent('attendance:batch-connected', {
          dayId: 'd1',
          at: '2026-04-13T10:00:00.000Z',
          participants: [['p2', 0]],
        }),
        newEvent('attendance:connected', { dayId: 'd1', participantId: 'p3', at: '2026-04-13T11:00:00.000Z' }),
      ]),
    );
    expect(state.attendance).toEqual({
      d1: {
        p1: { connectedAt: '2026-04-13T09:00:05.000Z', present: null },
        p2: { connectedAt: '2026-04-13T09:00:10.250Z', present: true },
        p3: { connectedAt: '2026-04-13T09:00:11.500Z', present: null },
      },
      d2: { p2: { connectedAt: '2026-04-14T09:00:00.000Z', present: null } },
    });
  });
});

describe('foldEventsOnCopy', () => {
  const criticism = (id: string) =>
    newEvent('criticism:posted', {
      criticismId: id,
      itemId: 'i1',
      unitId: 'u1',
      category: 'shortfall',
      severity: 'high',
      indicatorId: null,
      text: `Criticism ${id}`,
    });
  const carriedOver = (id: string) =>
    newEvent('directive:carried-over', {
      directive: {
        id,
        kind: 'explain-failure',
        assigneeUnitId: 'u1',
        title: 'Explain the shortfall',
        text: null,
        dueDate: '2026-02-15',
        fromCriticismId: null,
        status: 'open',
        orderedByUnitId: null,
        holderUnitId: 'u1',
        issuedAt: '2026-01-20T10:05:00.000Z',
        sessionId: 's0',
        steps: [],
      },
      fromSessionId: 's0',
    });
  /** A session's log up to a report, then a floor of criticisms, directives and a warning. */
  const known = logOf([
    ...base,
    newEvent('report:submitted', { unitId: 'u1', indicators: [indicator], note: null }),
    carriedOver('d-prev'),
  ]);
  const missed = logOf(
    [
      newEvent('session:renamed', { title: 'Q1 review, renamed' }),
      newEvent('agenda:item-started', { itemId: 'i1', startedAt: '2026-04-13T09:05:00.000Z' }),
      newEvent('agenda:floor-opened', { itemId: 'i1', openedAt: '2026-04-13T09:15:00.000Z' }),
      newEvent('floor:hand-raised', { participantId: 'p2', at: '2026-04-13T09:16:00.000Z' }),
      newEvent('floor:given', { participantId: 'p2', itemId: 'i1', at: '2026-04-13T09:17:00.000Z' }),
      ...['c1', 'c2', 'c3'].map(criticism),
      newEvent('criticism:endorsed', { criticismId: 'c1', participantId: 'p3' }),
      newEvent('criticism:responded', { criticismId: 'c1', text: 'Stock held for April.' }),
      newEvent('criticism:ruled', { criticismId: 'c1', ruling: 'upheld', note: null }),
      newEvent('report:verified', {
        unitId: 'u1',
        indicatorId: 'x',
        verified: 55,
        finding: 'Dispatch notes show 55 t.',
        evidence: null,
      }),
      newEvent('directive:issued', {
        directiveId: 'd1',
        kind: 'inspection',
        assigneeUnitId: 'u1',
        title: 'Inspect the stock',
        text: null,
        dueDate: '2026-04-30',
        fromCriticismId: 'c1',
        orderedByUnitId: null,
        itemId: 'i1',
      }),
      newEvent('directive:answered', { directiveId: 'd-prev', text: 'Kiln two was down.' }),
      // The reducer keeps this payload's steps as the directive's, and the answer adds to them.
      carriedOver('d-late'),
      newEvent('directive:answered', { directiveId: 'd-late', text: 'Kiln three too.' }),
      newEvent('warning:issued', { warningId: 'w1', unitId: 'u1', fulfilment: 0.55, threshold: 0.7, note: null }),
      newEvent('agenda:item-closed', { itemId: 'i1', closedAt: '2026-04-13T09:30:00.000Z' }),
    ],
    { firstSeq: known.length + 1 },
  );

  test('folding in place leaves the events as they were logged, though later events change what they set', () => {
    const log = [...known, ...missed];
    const asLogged = structuredClone(log);
    foldEventsInPlace(emptySessionState('s1'), log);
    expect(log).toEqual(asLogged);
  });

  test('gives the state foldEvents gives, frozen as foldEvents leaves it', () => {
    const before = foldEvents(emptySessionState('s1'), structuredClone(known));
    const expected = foldEvents(before, structuredClone(missed));
    const after = foldEventsOnCopy(before, missed);
    expect(after).toEqual(expected);
    expect(after.lastSeq).toBe(known.length + missed.length);
    expect(Object.isFrozen(criticismOf(after, 'c1')?.endorsedBy)).toBe(true);
  });

  test('leaves the state it was given and the events untouched, frozen or not', () => {
    const frozen = foldEvents(emptySessionState('s1'), structuredClone(known));
    expect(Object.isFrozen(frozen.directives['d-prev']?.steps)).toBe(true);
    const unfrozen = structuredClone(frozen);
    const events = structuredClone(missed);
    for (const state of [frozen, unfrozen]) {
      const snapshot = structuredClone(state);
      const after = foldEventsOnCopy(state, events);
      expect(state).toEqual(snapshot);
      expect(after.directives['d-prev']?.steps).toHaveLength(1);
      expect(after.directives['d-late']?.steps).toHaveLength(1);
    }
    expect(events).toEqual(missed);
  });

  test('P4 and P1: duplicates are skipped, and a gap throws and changes nothing', () => {
    const before = foldEvents(emptySessionState('s1'), structuredClone(known));
    const after = foldEventsOnCopy(before, [...known.slice(-2), ...missed.slice(0, 2)]);
    expect(after.lastSeq).toBe(known.length + 2);
    const snapshot = structuredClone(before);
    expect(() => foldEventsOnCopy(before, missed.slice(1))).toThrow(SeqGapError);
    expect(before).toEqual(snapshot);
  });
});

describe('copySessionState', () => {
  const state = () => foldEventsInPlace(emptySessionState('s1'), logOf(base));

  test('copies every field, nested objects and arrays included', () => {
    expect(copySessionState(state())).toStrictEqual(state());
  });

  test('the copy shares nothing with the state, frozen or not', () => {
    const original = state();
    const copy = copySessionState(original);
    copy.unitOrder.push('u2');
    copy.units.u1!.name = 'Changed';
    copy.agenda.i1!.timer.elapsedMs = 99;
    copy.definition!.days.pop();
    expect(original).toStrictEqual(state());
    const unfrozen = copySessionState(foldEvents(emptySessionState('s1'), logOf(base)));
    unfrozen.units.u1!.name = 'Changed';
    expect(unfrozen.units.u1!.name).toBe('Changed');
  });
});
