import type { Participant } from '@plenum/shared';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { RealtimeContext, type Realtime } from '../realtime/RealtimeContext';
import { draftSession } from '../screens/prepare/draftSession';
import { connectionStore } from '../stores/connection';
import { sessionStore } from '../stores/session';
import { demoSession, ids, instant, participants } from '../test/events';
import { answerTrends, renderSession } from '../test/renderSession';
import { SessionScreen } from './SessionScreen';

const idle: Realtime = {
  send: () => Promise.reject(new Error('not expected in this test')),
  reconnect: () => undefined,
};

const administrator: Participant = { id: 'p-admin', name: 'Ada Administrator', role: 'administrator', unitId: null };

function renderAs(you: Participant | null, log = demoSession()) {
  answerTrends();
  sessionStore.getState().reset(ids.session);
  sessionStore.getState().applyEvents(log.events);
  if (you) sessionStore.getState().setIdentity({ epoch: 'epoch-1', you });
  connectionStore.getState().setStatus('live');
  return render(
    <RealtimeContext.Provider value={idle}>
      <SessionScreen />
    </RealtimeContext.Provider>,
  );
}

/** A role's screen is a chunk of its own: its first render waits for its code (transformed on demand here). */
const screenLoaded = { timeout: 10_000 };

describe('session screen by role', () => {
  // First in the file: once a role's screen has loaded, it renders at once.
  test("while the role's screen is fetched, says so as a status and marks the page busy", async () => {
    renderAs(participants.observer);
    const status = screen.getByText('Opening your screen…');
    expect(status).toHaveAttribute('role', 'status');
    expect(status.closest('main')).toHaveAttribute('aria-busy', 'true');
    expect(await screen.findByTestId('big-screen-today', {}, screenLoaded)).toBeInTheDocument();
    expect(screen.queryByText('Opening your screen…')).not.toBeInTheDocument();
  });

  test('the chair gets the agenda with floor actions', async () => {
    renderAs(participants.chair);
    expect(await screen.findByRole('heading', { name: 'Agenda' }, screenLoaded)).toBeInTheDocument();
    expect(screen.getByTestId(`start-item-${ids.itemOne}`)).toBeInTheDocument();
  });

  test('an official gets the floor view without agenda controls', async () => {
    renderAs(participants.official);
    expect(await screen.findByTestId('current-item', {}, screenLoaded)).toBeInTheDocument();
    expect(screen.queryByTestId(`start-item-${ids.itemOne}`)).not.toBeInTheDocument();
  });

  test('the observer gets the big screen', async () => {
    renderAs(participants.observer);
    expect(await screen.findByTestId('big-screen-today', {}, screenLoaded)).toBeInTheDocument();
    expect(document.querySelector('.big-screen')).not.toBeNull();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  test('before the join answer, says it is joining, with the connection badge in words', () => {
    renderAs(null);
    connectionStore.getState().setStatus('reconnecting');
    expect(screen.getByText('Joining the review session…')).toBeInTheDocument();
    expect(screen.getByTestId('connection-status')).toHaveTextContent('Live');
  });
});

describe('preparing', () => {
  test('the administrator gets the preparation first, and the floor to follow', async () => {
    renderAs(administrator);
    // The preparation screen is loaded when an administrator opens a session, not before.
    expect(await screen.findByRole('tab', { name: 'Prepare' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Floor' })).toBeInTheDocument();
    expect(await screen.findByTestId('prepare-view')).toBeInTheDocument();
  });

  test('a chair starts on the preparation until a day opens, then on the floor with Prepare last', async () => {
    const { unmount } = renderAs(participants.chair, draftSession());
    expect(await screen.findByTestId('prepare-view')).toBeInTheDocument();
    expect(screen.getAllByRole('tab')[0]).toHaveTextContent('Prepare');
    unmount();

    // The demo session: the notice is out and day 1 is open.
    renderAs(participants.chair);
    expect(await screen.findByRole('tab', { name: 'Floor' }, screenLoaded)).toHaveAttribute('aria-selected', 'true');
    expect(screen.getAllByRole('tab').at(-1)).toHaveTextContent('Prepare');
  });
});

describe('a link that ended', () => {
  test('a revocation naming you replaces the screen at once', async () => {
    const { broadcast, log } = await renderSession(<SessionScreen />, participants.official);
    expect(screen.queryByTestId('link-ended')).toBeNull();
    // Someone else's revocation changes nothing here.
    broadcast(log.add('participant:revoked', { participantId: ids.otherOfficial, at: instant(500) }));
    expect(screen.queryByTestId('link-ended')).toBeNull();

    broadcast(log.add('participant:revoked', { participantId: ids.official, at: instant(501) }));
    const page = screen.getByTestId('link-ended');
    expect(page).toHaveTextContent('Your invitation was revoked');
    expect(page).toHaveTextContent('Ask the chair for a new link.');
  });

  test('when the server closes the connection, one connect at once learns the link was revoked', async () => {
    const { fake } = await renderSession(<SessionScreen />, participants.chair);
    act(() => fake.serverDrops('io server disconnect'));
    expect(fake.connectCalls).toBe(2);
    expect(screen.queryByTestId('link-ended')).toBeNull();

    act(() => fake.serverRefuses({ code: 'UNAUTHENTICATED', message: 'This invite link is not valid.' }));
    const page = screen.getByTestId('link-ended');
    expect(page).toHaveAttribute('data-reason', 'revoked');
    expect(page).toHaveTextContent("Ask the organisation's administrator for a new link.");
  });

  test('a dropped connection is not a revocation, and a link that never worked says it does not', async () => {
    const { fake } = await renderSession(<SessionScreen />, participants.official);
    act(() => fake.serverDrops('transport close'));
    expect(fake.connectCalls).toBe(1);
    expect(screen.queryByTestId('link-ended')).toBeNull();
    expect(await screen.findByTestId('current-item', {}, screenLoaded)).toBeInTheDocument();

    renderAs(null);
    act(() => connectionStore.getState().setStatus('offline', { code: 'UNAUTHENTICATED', message: 'unknown token' }));
    expect(screen.getAllByTestId('link-ended').at(-1)).toHaveAttribute('data-reason', 'invalid');
  });
});
