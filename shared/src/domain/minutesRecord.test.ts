import { describe, expect, test } from 'vitest';
import { newEvent, type NewEvent } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import { productionReport, unitAdded } from '../test/units.js';
import { ranking } from './comparisons.js';
import { criticismOf } from './criticismTable.js';
import { unitFlags } from './flags.js';
import {
  directiveStatements,
  figuresAsRecorded,
  flagsAtClose,
  hidingsShownAgain,
  indicatorsAtClose,
  minutesItemOf,
  namesItemKind,
  readsHiddenCriticisms,
  unitFiguresClosedAt,
  verificationFindings,
} from './minutesRecord.js';
import { foldEvents } from './reducer.js';
import { emptySessionState } from './state.js';

const draft = {
  kind: 'explain-failure' as const,
  assigneeUnitId: 'a',
  title: 'Explain the shortfall',
  text: null,
  dueDate: '2026-05-01',
  fromCriticismId: null,
  orderedByUnitId: null,
};

describe('what the minutes record of a directive', () => {
  test('its words: the answer filed and the review, not the acknowledgement; a carried one belongs to no item here', () => {
    const state = foldEvents(
      emptySessionState('s1'),
      logOf([
        created,
        unitAdded('a'),
        newEvent('directive:issued', { ...draft, directiveId: 'd1', itemId: 'item-1' }),
        newEvent('directive:acknowledged', { directiveId: 'd1' }),
        newEvent('directive:answered', { directiveId: 'd1', text: 'The pumps failed.' }),
        newEvent('directive:reviewed', { directiveId: 'd1', decision: 'rejected', note: 'Say why.' }),
        newEvent('directive:carried-over', {
          directive: {
            ...draft,
            id: 'd2',
            itemId: 'item-old',
            status: 'answered',
            holderUnitId: 'a',
            issuedAt: '2026-01-10T09:00:00.000Z',
            sessionId: 's0',
            steps: [],
          },
          fromSessionId: 's0',
        }),
      ]),
    );
    const d1 = state.directives.d1!;
    expect(directiveStatements(state, d1).map((s) => [s.action, s.text, s.isRelayed])).toEqual([
      ['answered', 'The pumps failed.', false],
      ['rejected', 'Say why.', false],
    ]);
    expect(minutesItemOf(state, d1)).toBe('item-1');
    expect(minutesItemOf(state, state.directives.d2!)).toBeNull();
  });
});

/** A log whose events each happen at their own minute past 09:00 on 13 April, by `actorId` or the chair. */
function timedLog(events: readonly { event: NewEvent; minute: number; actorId?: string }[]) {
  return logOf(events.map((e) => e.event)).map((event, i) => ({
    ...event,
    at: `2026-04-13T09:${String(events[i]!.minute).padStart(2, '0')}:00.000Z`,
    actorId: events[i]!.actorId ?? 'chair-1',
  }));
}

const verified = (value: number, finding: string) =>
  newEvent('report:verified', { unitId: 'a', indicatorId: 'p', verified: value, finding, evidence: null });

describe('what the minutes record of the figures', () => {
  const item = { id: 'i1', dayId: 'd1', unitId: 'a', topic: 'A', plannedMinutes: 20, warningId: null };
  const at = (minute: number) => `2026-04-13T09:${String(minute).padStart(2, '0')}:00.000Z`;
  const state = foldEvents(
    emptySessionState('s1'),
    timedLog([
      { event: created, minute: 0 },
      { event: unitAdded('a'), minute: 0 },
      { event: newEvent('agenda:item-added', { item, order: 0 }), minute: 0 },
      { event: productionReport('a', 100, 90), minute: 1 },
      { event: newEvent('agenda:item-started', { itemId: 'i1', startedAt: at(2) }), minute: 2 },
      { event: verified(80, 'Weighbridge.'), minute: 3, actorId: 'insp-1' },
      { event: verified(75, 'Recount.'), minute: 4, actorId: 'insp-1' },
      { event: newEvent('agenda:item-closed', { itemId: 'i1', closedAt: at(5) }), minute: 5 },
      { event: verified(60, 'Dispatch notes.'), minute: 6, actorId: 'insp-2' },
    ]),
  );
  const report = state.reports.a!;

  test('a verification after the item closed is marked, not taken into the figures as they stood at its close', () => {
    const closedAt = unitFiguresClosedAt(state, 'a');
    expect(closedAt).toBe(at(5));
    const [finding] = verificationFindings(report, closedAt);
    const summary = (c: { to: number; finding: string; actorId: string; at: string } | null | undefined) =>
      c && [c.to, c.finding, c.actorId, c.at];
    expect(summary(finding!.recorded)).toEqual([75, 'Recount.', 'insp-1', at(4)]);
    expect(finding!.earlier.map(summary)).toEqual([[80, 'Weighbridge.', 'insp-1', at(3)]]);
    expect(finding!.later.map(summary)).toEqual([[60, 'Dispatch notes.', 'insp-2', at(6)]]);
    expect(indicatorsAtClose(report, closedAt)[0]).toMatchObject({ verified: 75, finding: 'Recount.' });
    // The state holds the verification made last, as the live views show it.
    expect(report.indicators[0]).toMatchObject({ verified: 60, finding: 'Dispatch notes.' });
  });

  test('an item not closed (or reopened) shows every verification, the last one standing', () => {
    const reopened = foldEvents(
      state,
      logOf([newEvent('agenda:item-reopened', { itemId: 'i1', reason: 'Recheck.', at: at(7) })], { firstSeq: 10 }),
    );
    expect(unitFiguresClosedAt(reopened, 'a')).toBeNull();
    const [finding] = verificationFindings(reopened.reports.a!, null);
    expect([finding!.recorded?.to, finding!.earlier.map((c) => c.to), finding!.later]).toEqual([60, [80, 75], []]);
    expect(indicatorsAtClose(reopened.reports.a!, null)[0]).toBe(reopened.reports.a!.indicators[0]);
  });

  test('the flags and the ranking beside a closed item come from the figures at its close, not from a later verification', () => {
    const closedAt = unitFiguresClosedAt(state, 'a');
    const verifiedIn = (flags: ReturnType<typeof unitFlags>) => flags.map((f) => [f.kind, f.params.verified]);
    expect(verifiedIn(flagsAtClose(state, 'a', closedAt))).toEqual([['verified-below-reported', 75]]);
    expect(verifiedIn(unitFlags(state, 'a'))).toEqual([['verified-below-reported', 60]]);
    expect(ranking(figuresAsRecorded(state))[0]).toMatchObject({ production: 0.75, isUnderThreshold: false });
    expect(ranking(state)[0]).toMatchObject({ production: 0.6, isUnderThreshold: true });
    // Reopened, nothing is closed: the figures, their flags and the ranking are as they stand.
    const reopened = foldEvents(
      state,
      logOf([newEvent('agenda:item-reopened', { itemId: 'i1', reason: 'Recheck.', at: at(7) })], { firstSeq: 10 }),
    );
    expect(figuresAsRecorded(reopened)).toBe(reopened);
    expect(flagsAtClose(reopened, 'a', null)).toEqual(unitFlags(reopened, 'a'));
  });

  test('an indicator verified only after the close had no verification at it', () => {
    const late = foldEvents(
      emptySessionState('s1'),
      timedLog([
        { event: created, minute: 0 },
        { event: unitAdded('a'), minute: 0 },
        { event: productionReport('a', 100, 90), minute: 1 },
        { event: verified(60, 'Dispatch notes.'), minute: 6 },
      ]),
    );
    const [finding] = verificationFindings(late.reports.a!, at(5));
    expect([finding!.recorded, finding!.earlier, finding!.later.map((c) => c.to)]).toEqual([null, [], [60]]);
    expect(indicatorsAtClose(late.reports.a!, at(5))[0]).toMatchObject({ verified: null, finding: null });
  });
});

describe('what the minutes record of a criticism hidden and shown again', () => {
  test('each hiding with its reason, who and when, and when it was shown again; one still in force is the hidden one', () => {
    const state = foldEvents(
      emptySessionState('s1'),
      timedLog([
        { event: created, minute: 0 },
        {
          event: newEvent('criticism:posted', {
            criticismId: 'c1',
            itemId: 'i1',
            unitId: null,
            indicatorId: null,
            category: 'other',
            severity: 'low',
            text: 'Names a person.',
          }),
          minute: 1,
          actorId: 'official-1',
        },
        { event: newEvent('criticism:hidden', { criticismId: 'c1', reason: 'Personal remarks.' }), minute: 32 },
        { event: newEvent('criticism:unhidden', { criticismId: 'c1' }), minute: 40, actorId: 'chair-2' },
        { event: newEvent('criticism:hidden', { criticismId: 'c1', reason: 'Again.' }), minute: 45 },
      ]),
    );
    const criticism = criticismOf(state, 'c1')!;
    expect(criticism.hidings).toEqual([
      {
        reason: 'Personal remarks.',
        at: '2026-04-13T09:32:00.000Z',
        actorId: 'chair-1',
        shown: { at: '2026-04-13T09:40:00.000Z', actorId: 'chair-2' },
      },
      { reason: 'Again.', at: '2026-04-13T09:45:00.000Z', actorId: 'chair-1', shown: null },
    ]);
    expect(criticism.hidden).toEqual({ reason: 'Again.', at: '2026-04-13T09:45:00.000Z' });
    expect(hidingsShownAgain(criticism).map((h) => h.reason)).toEqual(['Personal remarks.']);
  });
});

describe('what the minutes record of an inspection order reassigned', () => {
  test('each reassignment, by whom and when, from which inspector to which (nobody, for an order that had none)', () => {
    const state = foldEvents(
      emptySessionState('s1'),
      logOf([
        created,
        unitAdded('a'),
        newEvent('participant:invited', {
          participant: { id: 'insp-1', name: 'Ivan', role: 'inspector', unitId: null },
        }),
        newEvent('participant:invited', {
          participant: { id: 'insp-2', name: 'Iris', role: 'inspector', unitId: null },
        }),
        newEvent('directive:issued', {
          ...draft,
          kind: 'inspection',
          directiveId: 'd1',
          itemId: 'item-1',
          subjectUnitId: 'a',
          inspectorId: null,
        }),
        newEvent('directive:reassigned', { directiveId: 'd1', fromAssigneeId: null, assigneeId: 'insp-1' }),
        newEvent('directive:reassigned', { directiveId: 'd1', fromAssigneeId: 'insp-1', assigneeId: 'insp-2' }),
        newEvent('directive:answered', { directiveId: 'd1', text: 'Counted.' }),
      ]),
    );
    expect(
      directiveStatements(state, state.directives.d1!).map((s) => [s.action, s.reassignment, s.at, s.actorName]),
    ).toEqual([
      ['reassigned', { from: null, to: 'Ivan' }, '2026-04-13T09:00:00.000Z', 'chair-1'],
      ['reassigned', { from: 'Ivan', to: 'Iris' }, '2026-04-13T09:00:00.000Z', 'chair-1'],
      ['answered', null, '2026-04-13T09:00:00.000Z', 'chair-1'],
    ]);
  });
});

describe('readsHiddenCriticisms', () => {
  test('the chair and the administrator read a hidden criticism and the reason; no other role does', () => {
    const roles = ['chair', 'administrator', 'presenter', 'official', 'inspector', 'observer'] as const;
    expect(roles.filter(readsHiddenCriticisms)).toEqual(['chair', 'administrator']);
  });
});

describe('namesItemKind', () => {
  test('the kind is named before a topic it adds to, not before one that is or starts with its word', () => {
    expect(namesItemKind('Opening', 'Opening')).toBe(false);
    expect(namesItemKind('개회', '개회')).toBe(false);
    expect(namesItemKind('Opening: the province plan', 'Opening')).toBe(false);
    expect(namesItemKind('opening address', 'Opening')).toBe(false);
    expect(namesItemKind('Welcome address', 'Opening')).toBe(true);
    expect(namesItemKind('Openings of the new mines', 'Opening')).toBe(true);
    expect(namesItemKind('Budget for the next quarter', 'General topic')).toBe(true);
  });
});
