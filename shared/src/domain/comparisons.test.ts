import { describe, expect, test } from 'vitest';
import { newEvent, type NewEvent, type OrganisationUnit } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import { productionReport as production, unitAdded } from '../test/units.js';
import { bandOf, compareBy, ranking, trend } from './comparisons.js';
import { foldEvents } from './reducer.js';
import { emptySessionState } from './state.js';
import { isOverdue, lineOf, proposedWarnings } from './warnings.js';

const unit = (id: string, ownership: OrganisationUnit['ownership'], sector: string, parentId: string | null = null) =>
  unitAdded(id, { ownership, sector, parentId });

const events: NewEvent[] = [
  created,
  unit('a', 'state', 'mining'),
  unit('b', 'state', 'mining', 'a'),
  unit('c', 'private', 'food'),
  unit('d', 'private', 'food'),
  production('a', 100, 50),
  production('b', 100, 80),
  production('c', 100, 110),
  production('d', 100, 65),
];

describe('comparisons', () => {
  const state = foldEvents(emptySessionState('s1'), logOf(events));

  test('by ownership: average, share under threshold, distribution — checked by hand', () => {
    expect(compareBy(state, 'ownership')).toEqual([
      {
        key: 'private',
        units: 2,
        counted: 2,
        average: (1.1 + 0.65) / 2,
        underThreshold: 1,
        shareUnderThreshold: 0.5,
        distribution: { 'under-50': 0, '50-70': 1, '70-100': 0, '100-plus': 1 },
      },
      {
        key: 'state',
        units: 2,
        counted: 2,
        average: (0.5 + 0.8) / 2,
        underThreshold: 1,
        shareUnderThreshold: 0.5,
        distribution: { 'under-50': 0, '50-70': 1, '70-100': 1, '100-plus': 0 },
      },
    ]);
  });

  test('ranking best first; proposed warnings are the units under the threshold', () => {
    expect(ranking(state).map((s) => s.unit.id)).toEqual(['c', 'b', 'd', 'a']);
    expect(proposedWarnings(state).map((p) => [p.unitId, p.fulfilment])).toEqual([
      ['a', 0.5],
      ['d', 0.65],
    ]);
  });

  test('a verified value changes the standing live', () => {
    const verified = foldEvents(
      state,
      logOf(
        [
          newEvent('report:verified', {
            unitId: 'c',
            indicatorId: 'p',
            verified: 60,
            finding: 'Overstated.',
            evidence: null,
          }),
        ],
        {
          firstSeq: state.lastSeq + 1,
        },
      ),
    );
    expect(ranking(verified).map((s) => s.unit.id)).toEqual(['b', 'd', 'c', 'a']);
    expect(compareBy(verified, 'ownership')[0]).toMatchObject({
      key: 'private',
      underThreshold: 2,
      average: (0.6 + 0.65) / 2,
    });
  });

  test('trend orders periods and averages each group', () => {
    const later = foldEvents(
      emptySessionState('s2'),
      logOf([
        { ...created, payload: { ...created.payload, period: '2026-Q2' } } as NewEvent,
        unit('a', 'state', 'mining'),
        production('a', 100, 90),
      ]),
    );
    expect(trend([later, state], 'ownership')).toEqual([
      {
        period: '2026-Q1',
        sessionId: 's1',
        groups: [
          { key: 'private', average: 0.875 },
          { key: 'state', average: 0.65 },
        ],
      },
      { period: '2026-Q2', sessionId: 's2', groups: [{ key: 'state', average: 0.9 }] },
    ]);
  });

  test('bands, lines and overdue', () => {
    expect([0.49, 0.5, 0.69, 0.7, 0.99, 1].map(bandOf)).toEqual([
      'under-50',
      '50-70',
      '50-70',
      '70-100',
      '70-100',
      '100-plus',
    ]);
    expect(lineOf(state, 'b')).toEqual(['b', 'a']);
    const directive = { status: 'open', dueDate: '2026-04-01' } as Parameters<typeof isOverdue>[0];
    expect(isOverdue(directive, '2026-04-02')).toBe(true);
    expect(isOverdue(directive, '2026-04-01')).toBe(false);
    expect(isOverdue({ ...directive, status: 'accepted' }, '2027-01-01')).toBe(false);
  });
});
