import type { Participant } from '@plenum/shared';
import { act, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { onTestFinished } from 'vitest';
import { connectSession } from '../realtime/connection';
import { RealtimeContext, type Realtime } from '../realtime/RealtimeContext';
import { sendCommand } from '../realtime/sendCommand';
import { FakeSocket, flushMicrotasks } from '../realtime/testing/FakeSocket';
import { demoSession, ids, joinAnswer } from './events';

/**
 * Renders `ui` inside a session joined as `you` over a fake socket, with the app's real
 * stores, connection and command sender: the test plays the server through `fake`.
 */
export async function renderSession(
  ui: ReactElement,
  you: Participant,
  story?: (log: ReturnType<typeof demoSession>) => void,
) {
  const log = demoSession();
  story?.(log);
  const fake = new FakeSocket();
  const connection = connectSession({ socket: fake.asSocket(), sessionId: ids.session });
  onTestFinished(() => connection.dispose());
  const realtime: Realtime = {
    send: (command) => sendCommand(fake.asSocket(), ids.session, command),
    reconnect: connection.reconnect,
  };

  fake.serverAccepts();
  const join = await fake.nextAsk('session:join');
  await act(async () => {
    join.answer(joinAnswer(log.events, { you }));
    await flushMicrotasks();
  });

  const view = render(<RealtimeContext.Provider value={realtime}>{ui}</RealtimeContext.Provider>);
  /** Broadcasts events as the server does after a command, to everyone. */
  const broadcast = (...events: typeof log.events) =>
    act(() => fake.serverEmits('session:events', { sessionId: ids.session, events }));
  return { ...view, fake, log, broadcast };
}
