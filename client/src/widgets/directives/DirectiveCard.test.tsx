import { fireEvent, screen, within } from '@testing-library/react';
import type { OrganisationUnit, Participant } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { eventLog, ids, instant } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { useSessionStore } from '../../stores/session';
import { DirectiveCard } from './DirectiveCard';

const unit = (id: string, name: string, parentId: string | null): OrganisationUnit => ({
  id,
  name,
  kind: 'county',
  parentId,
  ownership: 'state',
  sector: 'Administration',
  class: null,
  region: 'North',
});

const province: Participant = { id: 'p-province', name: 'Province secretary', role: 'official', unitId: 'province' };
const chair: Participant = { id: 'p-chair', name: 'Province chair', role: 'chair', unitId: 'province' };

/**
 * The province's follow-up of the centre's review: the centre's explanation owed by the mine
 * came down, the mine explained and the county passed it up with its remarks.
 */
function followUpLog() {
  const log = eventLog();
  log.add('session:created', {
    title: 'Province follow-up of the Q1 review',
    period: '2026-Q1',
    organisation: 'Province',
    days: [{ id: ids.dayOne, date: '2026-04-20', title: 'Day 1' }],
    thresholds: { warningBelow: 0.8, jumpFactor: 1.5, reportingGap: 0.05 },
    conferenceLink: null,
    createdAt: instant(0),
    organiserUnitId: 'province',
    previousSessionId: null,
    cascadeFromSessionId: 'centre-q1',
  });
  for (const u of [
    unit('province', 'Northern Province', 'centre'),
    unit('county', 'River County', 'province'),
    unit('mine', 'Coal Mine 3', 'county'),
    unit('centre', 'Central Committee', null),
  ]) {
    log.add('unit:added', { unit: u });
  }
  log.add('participant:invited', { participant: province });
  log.add('participant:invited', { participant: chair });
  log.add('directive:carried-over', {
    directive: {
      id: 'd-mine',
      kind: 'explain-failure',
      assigneeUnitId: 'mine',
      title: 'Explain the coal shortfall',
      text: null,
      dueDate: '2026-06-30',
      fromCriticismId: null,
      status: 'open',
      orderedByUnitId: 'centre',
      holderUnitId: 'mine',
      issuedAt: instant(0),
      sessionId: 'centre-q1',
      steps: [],
      cascadedFromSessionId: 'centre-q1',
      sentUpSteps: 0,
    },
    fromSessionId: 'centre-q1',
  });
  log.add('session:noticed', { noticeDate: '2026-04-10', at: instant(1) });
  log.add('day:opened', { dayId: ids.dayOne, at: instant(2) });
  log.add('directive:answered', { directiveId: 'd-mine', text: 'The pit flooded.' });
  log.add('directive:forwarded', {
    directiveId: 'd-mine',
    fromUnitId: 'county',
    toUnitId: 'province',
    remarks: 'County: pumps ordered.',
  });
  return log;
}

function Card() {
  const directive = useSessionStore((s) => s.session.directives['d-mine']);
  return directive ? <DirectiveCard directive={directive} isOverdue={false} /> : null;
}

describe('a directive that came down in a cascade', () => {
  test('says where it came from; the level passes it up with its remarks, then it is followed in the higher record', async () => {
    const env = await renderSession(<Card />, province, undefined, followUpLog());
    const card = screen.getByTestId('directive-d-mine');
    expect(card).toHaveTextContent('came down from the higher review');
    // The chair passed it up for the county: the step names who took it.
    expect(card).toHaveTextContent(
      'River County passed it up to Northern Province (by Province chair): County: pumps ordered.',
    );
    expect(within(card).getByTestId('forward-directive-d-mine')).toBeInTheDocument();
    expect(screen.queryByTestId('directive-relay-d-mine')).not.toBeInTheDocument();

    const forwarded = env.log.add('directive:forwarded', {
      directiveId: 'd-mine',
      fromUnitId: 'province',
      toUnitId: 'centre',
      remarks: 'Province: confirmed.',
    });
    env.broadcast(forwarded);
    expect(screen.getByTestId('directive-relay-d-mine')).toHaveTextContent(
      "on its way into the higher review's record",
    );
    expect(screen.queryByTestId('forward-directive-d-mine')).not.toBeInTheDocument();

    env.broadcast(
      env.log.add('directive:relay-delivered', {
        directiveId: 'd-mine',
        toSessionId: 'centre-q1',
        seq: 40,
        sentUpSteps: 3,
      }),
    );
    expect(screen.getByTestId('directive-relay-d-mine')).toHaveTextContent("In the higher review's record");
  });
});

describe('closing a directive', () => {
  test('asks first, saying what is not done and that it cannot be reopened; sends the close only when confirmed', async () => {
    const env = await renderSession(<Card />, chair, undefined, followUpLog());
    fireEvent.click(screen.getByTestId('close-directive-d-mine'));
    const dialog = screen.getByTestId('close-directive-dialog-d-mine');
    expect(dialog).toHaveTextContent('Close the directive “Explain the coal shortfall”?');
    expect(dialog).toHaveTextContent('It is not done');
    expect(dialog).toHaveTextContent('now with Northern Province');
    expect(dialog).toHaveTextContent('it cannot be reopened');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('close-directive-dialog-d-mine')).not.toBeInTheDocument();
    expect(env.sentCommands()).toBe(0);

    fireEvent.click(screen.getByTestId('close-directive-d-mine'));
    fireEvent.click(
      within(screen.getByTestId('close-directive-dialog-d-mine')).getByRole('button', { name: 'Close directive' }),
    );
    const sent = await env.nextCommand();
    expect(sent.command).toEqual({ type: 'directive:close', payload: { directiveId: 'd-mine' } });
  });
});
