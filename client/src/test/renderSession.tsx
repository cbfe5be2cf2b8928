import type { AckError, CommandInput, Participant, Trends } from '@plenum/shared';
import { act, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { onTestFinished, vi } from 'vitest';
import { bindPresence } from '../realtime/presence';
import { RealtimeContext, type Realtime } from '../realtime/RealtimeContext';
import { sendCommand } from '../realtime/sendCommand';
import { SessionSync } from '../realtime/SessionSync';
import { FakeSocket, flushMicrotasks } from '../realtime/testing/FakeSocket';
import { sessionStore } from '../stores/session';
import { demoSession, ids, joinAnswer } from './events';

/**
 * Answers the trends a unit's figures read over REST with no earlier quarter (the server's side
 * is tested in tests/integration/trends.test.ts); any other request goes to the fetch in place.
 */
export function answerTrends() {
  const fetchInPlace = globalThis.fetch;
  const none: Trends = { sessionId: ids.session, organisation: '', periods: [], units: [], warnings: [] };
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) =>
    input.endsWith('/trends') ? Promise.resolve(Response.json(none)) : fetchInPlace(input, init),
  );
  onTestFinished(() => {
    vi.stubGlobal('fetch', fetchInPlace);
  });
}

/**
 * Renders `ui` inside a session joined as `you` over a fake socket, with the app's real
 * stores, connection and command sender: the test plays the server through `fake`. The log is
 * the demo session's unless the test brings its own (e.g. a draft being prepared).
 */
export async function renderSession(
  ui: ReactElement,
  you: Participant,
  story?: (log: ReturnType<typeof demoSession>) => void,
  log: ReturnType<typeof demoSession> = demoSession(),
) {
  story?.(log);
  answerTrends();
  // As useSessionConnection does: the store belongs to this session before it joins.
  sessionStore.getState().reset(ids.session);
  const fake = new FakeSocket();
  const sync = new SessionSync({ socket: fake.asSocket(), sessionId: ids.session });
  const stopPresence = bindPresence(sync);
  sync.start();
  onTestFinished(() => {
    sync.dispose();
    stopPresence();
  });
  const realtime: Realtime = {
    send: (command) => sendCommand(fake.asSocket(), ids.session, command),
    reconnect: () => sync.reconnect(),
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
  /** The next command the screen sends, with the ask to answer it. */
  const nextCommand = async () => {
    const ask = await fake.nextAsk('command');
    return { ask, command: (ask.payload as { command: CommandInput }).command };
  };
  /** Accepts a command as the server does: the ack, then the events it caused, to everyone. */
  const accept = async (ask: { answer: (value: unknown) => void }, ...events: typeof log.events) => {
    await act(async () => {
      ask.answer({ ok: true, data: { seq: events.at(-1)?.seq ?? log.events.length } });
      await flushMicrotasks();
    });
    if (events.length > 0) broadcast(...events);
  };
  /** Refuses a command as the server does: a failed ack with the error, nothing appended. */
  const refuse = async (ask: { answer: (value: unknown) => void }, error: AckError) => {
    await act(async () => {
      ask.answer({ ok: false, error });
      await flushMicrotasks();
    });
  };
  /** True when no command was sent at all. */
  const sentCommands = () => fake.sent.filter((m) => m.event === 'command').length;
  return { ...view, fake, log, broadcast, nextCommand, accept, refuse, sentCommands };
}
