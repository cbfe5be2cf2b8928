import { describe, expect, test } from 'vitest';
import { newEvent } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import { unitAdded } from '../test/units.js';
import { directiveStatements, minutesItemOf } from './minutesRecord.js';
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
