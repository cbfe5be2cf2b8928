import type { PresenceEntry } from '@plenum/shared';
import { beforeEach, expect, test } from 'vitest';
import { createPresenceStore, presenceSelectors, type PresenceStoreApi } from '../stores/presence';
import { trackPresence } from './presence';
import { requestWithTimeout } from './socket';
import { ids, joinAnswer } from '../test/events';
import { FakeSocket } from './testing/FakeSocket';

const sessionId = ids.session;

let presence: PresenceStoreApi;
let socket: FakeSocket;
beforeEach(() => {
  presence = createPresenceStore();
  socket = new FakeSocket();
});

const delta = (change: { joined?: string[]; left?: string[]; typing?: [string, boolean][] }) => ({
  sessionId,
  joined: (change.joined ?? []).map((participantId) => ({ participantId, isTyping: false })),
  left: change.left ?? [],
  typing: (change.typing ?? []).map(([participantId, isTyping]) => ({ participantId, isTyping })),
});

async function join(online: PresenceEntry[]): Promise<void> {
  const answered = requestWithTimeout(socket.asSocket(), 1000, 'session:join', { sessionId, afterSeq: 0 });
  (await socket.nextAsk('session:join')).answer(joinAnswer([], { online }));
  await answered;
}

test('the join answer gives the whole list and the deltas change it', async () => {
  trackPresence({ socket: socket.asSocket(), sessionId, presence });
  socket.serverAccepts();
  await join([
    { participantId: 'p-chair', isTyping: false },
    { participantId: 'p-official', isTyping: false },
  ]);
  expect(presence.getState().online).toEqual({ 'p-chair': false, 'p-official': false });

  socket.serverEmits(
    'presence:changed',
    delta({ joined: ['p-inspector'], left: ['p-official'], typing: [['p-chair', true]] }),
  );
  expect(presence.getState().online).toEqual({ 'p-chair': true, 'p-inspector': false });
  expect(presenceSelectors.isOnline(presence.getState().online, 'p-official')).toBe(false);
  expect(presenceSelectors.isOnline(presence.getState().online, 'p-inspector')).toBe(true);

  // Another session's delta changes nothing.
  socket.serverEmits('presence:changed', { ...delta({ left: ['p-chair'] }), sessionId: 'session-2' });
  expect(presence.getState().online).toEqual({ 'p-chair': true, 'p-inspector': false });
});

test('a dropped connection forgets everyone until the next join answer, which replaces the list', async () => {
  trackPresence({ socket: socket.asSocket(), sessionId, presence });
  socket.serverAccepts();
  await join([{ participantId: 'p-official', isTyping: true }]);
  socket.serverDrops();
  expect(presence.getState().online).toEqual({});
  // A delta before the answer is overwritten by the answer's newer list.
  socket.serverAccepts();
  socket.serverEmits('presence:changed', delta({ joined: ['p-official'] }));
  await join([{ participantId: 'p-chair', isTyping: false }]);
  expect(presence.getState().online).toEqual({ 'p-chair': false });
});

test('an invalid delta is refused, and stopping removes every listener and empties the store', async () => {
  const before = socket.listenerCount();
  const stop = trackPresence({ socket: socket.asSocket(), sessionId, presence });
  socket.serverAccepts();
  await join([{ participantId: 'p-chair', isTyping: false }]);
  const errors: unknown[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args);
  try {
    socket.serverEmits('presence:changed', { sessionId, online: [] });
  } finally {
    console.error = original;
  }
  expect(errors).toHaveLength(1);
  expect(presence.getState().online).toEqual({ 'p-chair': false });
  stop();
  expect(socket.listenerCount()).toBe(before);
  expect(presence.getState().online).toEqual({});
  // A join answer after stopping reaches no store.
  await join([{ participantId: 'p-official', isTyping: false }]);
  expect(presence.getState().online).toEqual({});
});
