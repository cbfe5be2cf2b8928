import { describe, expect, test } from 'vitest';
import { newEvent, type DirectiveRecord, type NewEvent, type Participant } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import { criticismOf } from './criticismTable.js';
import { foldEvents } from './reducer.js';
import { isAssigneeAbsent, reassignCandidates } from './reassignment.js';
import { emptySessionState, type SessionState } from './state.js';
import { carriedRecord } from './warnings.js';

function story(...events: NewEvent[]): SessionState {
  return foldEvents(emptySessionState('s1'), logOf([created, ...events]));
}

const person = (id: string, role: Participant['role'], name = id): NewEvent =>
  newEvent('participant:invited', { participant: { id, name, role, unitId: null } });

/** An inspection order of Q1, acknowledged there by Q1's inspector, as it carries into Q2. */
const carried: DirectiveRecord = {
  id: 'd-1',
  kind: 'inspection',
  assigneeUnitId: 'mine',
  subjectUnitId: 'mine',
  inspectorId: 'q1-inspector',
  title: 'Inspect the coal stock',
  text: null,
  dueDate: '2026-06-30',
  fromCriticismId: null,
  status: 'acknowledged',
  orderedByUnitId: null,
  holderUnitId: 'mine',
  issuedAt: '2026-01-20T09:00:00.000Z',
  sessionId: 'q1',
  steps: [
    {
      action: 'acknowledged',
      unitId: 'mine',
      toUnitId: null,
      text: null,
      actorId: 'q1-inspector',
      at: '2026-01-21T09:00:00.000Z',
    },
  ],
  earlierNames: { 'q1-inspector': 'Inspector — State Inspection Office' },
};

describe('directive:reassigned', () => {
  test('folds: the order goes to the new inspector, who takes note again, and its history keeps who reassigned it', () => {
    const before = story(
      person('lee', 'inspector', 'Lee Inspector'),
      person('kim', 'official'),
      newEvent('directive:carried-over', { directive: carried, fromSessionId: 'q1' }),
    );
    expect(isAssigneeAbsent(before, before.directives['d-1']!)).toBe(true);
    // Only Q2's inspectors are offered; the official is not.
    expect(reassignCandidates(before, before.directives['d-1']!).map((p) => p.id)).toEqual(['lee']);

    const after = foldEvents(
      before,
      logOf(
        [newEvent('directive:reassigned', { directiveId: 'd-1', fromAssigneeId: 'q1-inspector', assigneeId: 'lee' })],
        {
          firstSeq: before.lastSeq + 1,
        },
      ),
    );
    const directive = after.directives['d-1']!;
    expect(directive).toMatchObject({ inspectorId: 'lee', status: 'open' });
    expect(directive.steps.at(-1)).toEqual({
      action: 'reassigned',
      actorId: 'chair-1',
      at: '2026-04-13T09:00:00.000Z',
      unitId: null,
      toUnitId: null,
      text: null,
      fromAssigneeId: 'q1-inspector',
      assigneeId: 'lee',
    });
    expect(isAssigneeAbsent(after, directive)).toBe(false);
    expect(reassignCandidates(after, directive)).toEqual([]);
    // Carried on once more, it names both inspectors as this session knew them.
    expect(carriedRecord(after, directive).earlierNames).toMatchObject({
      'q1-inspector': 'Inspector — State Inspection Office',
      lee: 'Lee Inspector',
    });
  });

  test('a revoked inspector is absent and no candidate', () => {
    const state = story(
      person('lee', 'inspector'),
      newEvent('directive:carried-over', { directive: { ...carried, inspectorId: 'lee' }, fromSessionId: 'q1' }),
      newEvent('participant:revoked', { participantId: 'lee', at: '2026-04-13T09:00:00.000Z' }),
    );
    expect(isAssigneeAbsent(state, state.directives['d-1']!)).toBe(true);
    expect(reassignCandidates(state, state.directives['d-1']!)).toEqual([]);
  });
});

describe('criticism:unhidden', () => {
  test('folds: the criticism is shown again in the live views', () => {
    const state = story(
      newEvent('criticism:posted', {
        criticismId: 'c-1',
        unitId: null,
        itemId: 'item-1',
        category: 'other',
        severity: 'low',
        indicatorId: null,
        text: 'A point.',
      }),
      newEvent('criticism:hidden', { criticismId: 'c-1', reason: 'Names a person.' }),
    );
    expect(criticismOf(state, 'c-1')?.hidden).toMatchObject({ reason: 'Names a person.' });
    const shown = foldEvents(state, logOf([newEvent('criticism:unhidden', { criticismId: 'c-1' })], { firstSeq: 4 }));
    expect(criticismOf(shown, 'c-1')?.hidden).toBeNull();
  });
});
