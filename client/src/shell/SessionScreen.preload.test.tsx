import { render, screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import { RealtimeContext, type Realtime } from '../realtime/RealtimeContext';
import { connectionStore } from '../stores/connection';
import { sessionStore } from '../stores/session';
import { demoSession, ids, participants } from '../test/events';
import { preloadSessionScreens, SessionScreen } from './SessionScreen';

const idle: Realtime = {
  send: () => Promise.reject(new Error('not expected in this test')),
  reconnect: () => undefined,
};

// A file of its own: the screen's module is fetched here first, by the preload alone.
test('the participant screen fetched while joining renders with the join answer, without the fallback first', async () => {
  await preloadSessionScreens();
  sessionStore.getState().reset(ids.session);
  sessionStore.getState().applyEvents(demoSession().events);
  sessionStore.getState().setIdentity({ epoch: 'epoch-1', you: participants.official });
  connectionStore.getState().setStatus('live');
  render(
    <RealtimeContext.Provider value={idle}>
      <SessionScreen />
    </RealtimeContext.Provider>,
  );
  // In the render the join answer causes: no "Opening your screen…" in between.
  expect(screen.getByTestId('current-item')).toBeInTheDocument();
  expect(screen.queryByTestId('screen-loading')).not.toBeInTheDocument();
});
