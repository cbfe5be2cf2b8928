import { render, screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { RealtimeContext, type Realtime } from '../realtime/RealtimeContext';
import { connectionStore } from '../stores/connection';
import { sessionStore } from '../stores/session';
import { demoSession, ids, participants } from '../test/events';
import { SessionScreen } from './SessionScreen';

const idle: Realtime = {
  send: () => Promise.reject(new Error('not expected in this test')),
  reconnect: () => undefined,
};

function renderAs(you: (typeof participants)[keyof typeof participants] | null) {
  sessionStore.getState().reset(ids.session);
  sessionStore.getState().applyEvents(demoSession().events);
  if (you) sessionStore.getState().setIdentity({ epoch: 'epoch-1', you });
  connectionStore.getState().setStatus('live');
  return render(
    <RealtimeContext.Provider value={idle}>
      <SessionScreen />
    </RealtimeContext.Provider>,
  );
}

describe('session screen by role', () => {
  test('the chair gets the agenda with floor actions', () => {
    renderAs(participants.chair);
    expect(screen.getByRole('heading', { name: 'Agenda' })).toBeInTheDocument();
    expect(screen.getByTestId(`start-item-${ids.itemOne}`)).toBeInTheDocument();
  });

  test('an official gets the floor view without agenda controls', () => {
    renderAs(participants.official);
    expect(screen.getByTestId('current-item')).toBeInTheDocument();
    expect(screen.queryByTestId(`start-item-${ids.itemOne}`)).not.toBeInTheDocument();
  });

  test('the observer gets the big screen', () => {
    renderAs(participants.observer);
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
