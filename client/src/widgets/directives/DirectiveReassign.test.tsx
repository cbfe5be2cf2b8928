import { fireEvent, screen, within } from '@testing-library/react';
import type { OrganisationUnit, Participant } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { eventLog, ids, instant } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { useSessionStore } from '../../stores/session';
import { InspectionOrders } from '../../screens/inspector/InspectionOrders';
import { DirectiveCard } from './DirectiveCard';

const unit: OrganisationUnit = {
  id: 'mine',
  name: 'Coal Mine 3',
  kind: 'enterprise',
  parentId: null,
  ownership: 'state',
  sector: 'Mining',
  class: null,
  region: 'North',
};
const chair: Participant = { id: 'p-chair', name: 'Q2 chair', role: 'chair', unitId: null };
const lee: Participant = { id: 'p-lee', name: 'Lee Inspector', role: 'inspector', unitId: null };
const official: Participant = { id: 'p-official', name: 'Official A', role: 'official', unitId: null };

/** Q2, convened from Q1: an inspection order of Q1's inspector carried over; Q2 invites Lee instead. */
function q2Log() {
  const log = eventLog();
  log.add('session:created', {
    title: 'Q2 review',
    period: '2026-Q2',
    organisation: 'Central Committee',
    days: [{ id: ids.dayOne, date: '2026-07-13', title: 'Day 1' }],
    thresholds: { warningBelow: 0.7, jumpFactor: 1.5, reportingGap: 0.05 },
    conferenceLink: null,
    createdAt: instant(0),
    organiserUnitId: null,
    previousSessionId: 'q1',
  });
  log.add('unit:added', { unit });
  for (const participant of [chair, lee, official]) log.add('participant:invited', { participant });
  log.add('directive:carried-over', {
    directive: {
      id: 'd-1',
      kind: 'inspection',
      assigneeUnitId: 'mine',
      subjectUnitId: 'mine',
      inspectorId: 'p-q1-inspector',
      title: 'Inspect the coal stock',
      text: null,
      dueDate: '2099-06-30',
      fromCriticismId: null,
      status: 'open',
      orderedByUnitId: null,
      holderUnitId: 'mine',
      issuedAt: instant(0),
      sessionId: 'q1',
      steps: [],
      earlierNames: { 'p-q1-inspector': 'Inspector — State Inspection Office' },
    },
    fromSessionId: 'q1',
  });
  return log;
}

function Card() {
  const directive = useSessionStore((s) => s.session.directives['d-1']);
  return directive ? <DirectiveCard directive={directive} isOverdue={false} /> : null;
}

describe('reassigning a carried inspection order', () => {
  test('the chair’s card says its inspector is not invited here and offers only Q2’s inspectors; the history says who reassigned it', async () => {
    const env = await renderSession(<Card />, chair, undefined, q2Log());
    const card = screen.getByTestId('directive-d-1');
    expect(within(card).getByTestId('directive-assignee-absent-d-1')).toHaveTextContent(
      'Assigned to Inspector — State Inspection Office, not invited to this review: reassign it.',
    );
    fireEvent.click(within(card).getByTestId('reassign-directive-d-1'));
    const choice = within(card).getByLabelText('Give it to');
    expect(
      within(choice)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Lee Inspector']);
    fireEvent.click(within(card).getByTestId('reassign-submit-d-1'));
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'directive:reassign', payload: { directiveId: 'd-1', assigneeId: 'p-lee' } });

    env.broadcast(
      env.log.add('directive:reassigned', {
        directiveId: 'd-1',
        fromAssigneeId: 'p-q1-inspector',
        assigneeId: 'p-lee',
      }),
    );
    expect(screen.queryByTestId('directive-assignee-absent-d-1')).not.toBeInTheDocument();
    expect(card).toHaveTextContent('Assigned to Lee Inspector');
    expect(card).toHaveTextContent(
      'Reassigned from Inspector — State Inspection Office to Lee Inspector (by Q2 chair)',
    );
  });

  test('the new inspector’s order list takes the order once it is reassigned to them', async () => {
    const env = await renderSession(<InspectionOrders onVerify={() => undefined} />, lee, undefined, q2Log());
    expect(screen.getByTestId('inspection-orders')).toHaveTextContent('Inspection orders (0)');
    env.broadcast(
      env.log.add('directive:reassigned', {
        directiveId: 'd-1',
        fromAssigneeId: 'p-q1-inspector',
        assigneeId: 'p-lee',
      }),
    );
    expect(screen.getByTestId('inspection-orders')).toHaveTextContent('Inspection orders (1)');
    expect(screen.getByTestId('directive-d-1')).toBeInTheDocument();
    // Only the chair reassigns.
    expect(screen.queryByTestId('reassign-directive-d-1')).not.toBeInTheDocument();
  });
});
