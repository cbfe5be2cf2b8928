import { describe, expect, test } from 'vitest';
import { newEvent, type NewEvent, type OrganisationUnit } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import { cascadeOf, cascadeUnits, followUpLevels, hasLeftLevel, pendingRelays } from './cascade.js';
import { foldEvents } from './reducer.js';
import { emptySessionState } from './state.js';

const unit = (id: string, parentId: string | null): OrganisationUnit => ({
  id,
  name: `Unit ${id}`,
  kind: 'enterprise',
  parentId,
  ownership: 'state',
  sector: 'Industry',
  class: null,
  region: 'North',
});
const units = [
  unit('centre', null),
  unit('province', 'centre'),
  unit('county', 'province'),
  unit('mine', 'county'),
  unit('east', 'centre'),
  unit('plant', 'east'),
];

const at = '2026-04-13T09:00:00.000Z';
const draft = (assigneeUnitId: string) => ({
  kind: 'explain-failure' as const,
  assigneeUnitId,
  title: `Explain ${assigneeUnitId}`,
  text: null,
  dueDate: '2026-06-30',
  fromCriticismId: null,
  orderedByUnitId: 'centre',
  itemId: null,
});
const issued = (directiveId: string, assigneeUnitId: string) =>
  newEvent('directive:issued', { directiveId, ...draft(assigneeUnitId) });
const warned = (warningId: string, unitId: string) =>
  newEvent('warning:issued', { warningId, unitId, fulfilment: 0.6, threshold: 0.7, note: null });

/** A session organised by `organiserUnitId` (and cascaded from `from`, when given) holding `units`. */
function sessionOf(organiserUnitId: string, events: NewEvent[], from: string | null = null) {
  if (created.type !== 'session:created') throw new Error('the log starts with the session');
  const definition = { ...created.payload, organiserUnitId, cascadeFromSessionId: from };
  return foldEvents(
    emptySessionState('s1'),
    logOf([
      newEvent('session:created', definition),
      ...units.map((u) => newEvent('unit:added', { unit: u })),
      ...events,
    ]),
  );
}

describe('what comes down to a level', () => {
  const upper = sessionOf('centre', [
    issued('d-mine', 'mine'),
    issued('d-province', 'province'),
    issued('d-plant', 'plant'),
    newEvent('directive:closed', { directiveId: 'd-plant' }),
    warned('w-mine', 'mine'),
    warned('w-plant', 'plant'),
    warned('w-county', 'county'),
    newEvent('warning:lifted', { warningId: 'w-county', note: 'Recovered.' }),
  ]);

  test('the open directives and warnings about units below it, never its own nor another level’s', () => {
    const { directives, warnings } = cascadeOf(upper, 'province');
    expect(directives.map((d) => d.id)).toEqual(['d-mine']);
    expect(warnings.map((w) => w.id)).toEqual(['w-mine']);
    expect(cascadeOf(upper, 'east').directives).toEqual([]);
  });

  test('its units: itself and those below, then the line above', () => {
    expect(cascadeUnits(upper, 'province').map((u) => u.id)).toEqual(['province', 'county', 'mine', 'centre']);
  });

  test('the levels that may follow up: not the organiser, not the top, not a workplace', () => {
    expect(followUpLevels(units, 'centre').map((u) => u.id)).toEqual(['province', 'county', 'east']);
    expect(followUpLevels(units, 'province').map((u) => u.id)).toEqual(['county', 'east']);
  });
});

describe('the relay back up', () => {
  const cascaded = newEvent('directive:carried-over', {
    directive: {
      ...draft('mine'),
      id: 'd-mine',
      status: 'open',
      holderUnitId: 'mine',
      issuedAt: at,
      sessionId: 'centre-q1',
      steps: [],
      cascadedFromSessionId: 'centre-q1',
      sentUpSteps: 0,
    },
    fromSessionId: 'centre-q1',
  });
  const answered = newEvent('directive:answered', { directiveId: 'd-mine', text: 'Flooded.' });
  const forward = (fromUnitId: string, toUnitId: string, remarks: string | null) =>
    newEvent('directive:forwarded', { directiveId: 'd-mine', fromUnitId, toUnitId, remarks });

  test('nothing is relayed while the explanation climbs within the level', () => {
    const state = sessionOf('province', [cascaded, answered, forward('county', 'province', 'County says.')], 'c');
    expect(hasLeftLevel(state, state.directives['d-mine']!)).toBe(false);
    expect(pendingRelays(state)).toEqual([]);
  });

  test('once the level passes it up, its steps here are relayed, until the delivery is recorded', () => {
    const events = [
      cascaded,
      answered,
      forward('county', 'province', 'County says.'),
      forward('province', 'centre', 'Province says.'),
    ];
    const left = sessionOf('province', events, 'centre-q1');
    expect(hasLeftLevel(left, left.directives['d-mine']!)).toBe(true);
    const [relay] = pendingRelays(left);
    expect(relay).toMatchObject({
      directiveId: 'd-mine',
      toSessionId: 'centre-q1',
      holderUnitId: 'centre',
      sentUpSteps: 3,
    });
    expect(relay!.steps.map((s) => [s.action, s.unitId, s.text])).toEqual([
      ['answered', 'mine', 'Flooded.'],
      ['forwarded', 'county', 'County says.'],
      ['forwarded', 'province', 'Province says.'],
    ]);
    const delivered = newEvent('directive:relay-delivered', {
      directiveId: 'd-mine',
      toSessionId: 'centre-q1',
      seq: 9,
      sentUpSteps: 3,
    });
    expect(pendingRelays(sessionOf('province', [...events, delivered], 'centre-q1'))).toEqual([]);
  });

  test('a directive of the session’s own is never relayed, wherever it is held', () => {
    const own = sessionOf('province', [
      issued('d-own', 'mine'),
      newEvent('directive:answered', { directiveId: 'd-own', text: 'x' }),
    ]);
    expect(pendingRelays(own)).toEqual([]);
  });

  test('the higher record takes the steps with where they were given, and the holder', () => {
    const upper = sessionOf('centre', [
      issued('d-mine', 'mine'),
      newEvent('directive:relayed', {
        directiveId: 'd-mine',
        fromSessionId: 'province-q1',
        steps: [
          {
            action: 'answered',
            unitId: 'mine',
            toUnitId: 'county',
            text: 'Flooded.',
            actorId: 'p',
            at,
            fromSessionId: 'county-q1',
          },
        ],
        holderUnitId: 'centre',
      }),
    ]);
    expect(upper.directives['d-mine']).toMatchObject({ status: 'answered', holderUnitId: 'centre' });
    expect(upper.directives['d-mine']!.steps[0]!.fromSessionId).toBe('county-q1');
  });
});
