import { screen } from '@testing-library/react';
import type { Participant } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { eventLog, ids, instant } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { useSessionStore } from '../../stores/session';
import { DirectiveCard } from './DirectiveCard';

const presenter: Participant = { id: 'p-mine', name: 'Mine director', role: 'presenter', unitId: 'mine' };
const chair: Participant = { id: 'p-chair', name: 'Chair', role: 'chair', unitId: null };

/** A Q1 review that ordered the mine to explain its shortfall, then was followed up by Q2. */
function q1Log() {
  const log = eventLog();
  log.add('session:created', {
    title: 'Q1 review',
    period: '2026-Q1',
    organisation: 'Province',
    days: [{ id: ids.dayOne, date: '2026-04-20', title: 'Day 1' }],
    thresholds: { warningBelow: 0.8, jumpFactor: 1.5, reportingGap: 0.05 },
    conferenceLink: null,
    createdAt: instant(0),
    organiserUnitId: null,
    previousSessionId: null,
  });
  log.add('unit:added', {
    unit: {
      id: 'mine',
      name: 'Coal Mine 3',
      kind: 'enterprise',
      parentId: null,
      ownership: 'state',
      sector: 'Mining',
      class: null,
      region: 'North',
    },
  });
  log.add('participant:invited', { participant: presenter });
  log.add('participant:invited', { participant: chair });
  log.add('directive:issued', {
    directiveId: 'd-mine',
    kind: 'explain-failure',
    assigneeUnitId: 'mine',
    title: 'Explain the coal shortfall',
    text: null,
    dueDate: '2026-06-30',
    fromCriticismId: null,
    orderedByUnitId: null,
    itemId: null,
  });
  return log;
}

function Card() {
  const directive = useSessionStore((s) => s.session.directives['d-mine']);
  return directive ? <DirectiveCard directive={directive} isOverdue={false} /> : null;
}

describe('a directive the next quarter’s review carried over', () => {
  test('shows read-only where it is followed now, live as the follow-up is convened', async () => {
    for (const you of [presenter, chair]) {
      const env = await renderSession(<Card />, you, undefined, q1Log());
      expect(screen.queryByTestId('directive-followed-up-d-mine')).not.toBeInTheDocument();
      expect(screen.getAllByRole('button').length).toBeGreaterThan(0);

      env.broadcast(
        env.log.add('session:followed-up', {
          bySessionId: 'q2',
          title: 'Q2 review',
          period: '2026-Q2',
          directiveIds: ['d-mine'],
          warningIds: [],
        }),
      );
      expect(screen.getByTestId('directive-followed-up-d-mine')).toHaveTextContent(
        'Followed up in Q2 review (2026-Q2)',
      );
      expect(screen.queryAllByRole('button')).toHaveLength(0);
      env.unmount();
    }
  });
});
