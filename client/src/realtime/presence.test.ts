import type { PresenceEntry } from '@plenum/shared';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createConnectionStore } from '../stores/connection';
import { createPendingStore } from '../stores/pending';
import { createPresenceStore, presenceSelectors, type PresenceStoreApi } from '../stores/presence';
import { createSessionStore } from '../stores/session';
import { ids, joinAnswer } from '../test/events';
import { bindPresence } from './presence';
import { SessionSync } from './SessionSync';
import { FakeSocket, flushMicrotasks } from './testing/FakeSocket';

const sessionId = ids.session;

let presence: PresenceStoreApi;
let socket: FakeSocket;
let sync: SessionSync;
beforeEach(() => {
  presence = createPresenceStore();
  socket = new FakeSocket();
  sync = new SessionSync({
    socket: socket.asSocket(),
    sessionId,
    session: createSessionStore(sessionId),
    connection: createConnectionStore(),
    pending: createPendingStore(),
  });
});
afterEach(() => sync.dispose());

const delta = (change: { joined?: string[]; left?: string[]; typing?: [string, boolean][] }) => ({
  sessionId,
  joined: (change.joined ?? []).map((participantId) => ({ participantId, isTyping: false })),
  left: change.left ?? [],
  typing: (change.typing ?? []).map(([participantId, isTyping]) => ({ participantId, isTyping })),
});

/** Answers the sync's next join with `online`. */
async function join(online: PresenceEntry[]): Promise<void> {
  (await socket.nextAsk('session:join')).answer(joinAnswer([], { online }));
  await flushMicrotasks();
}

test('the join answer gives the whole list and the deltas change it', async () => {
  bindPresence(sync, presence);
  sync.start();
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
  bindPresence(sync, presence);
  sync.start();
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

test('an invalid delta is refused, and stopping empties the store and hears no more', async () => {
  const before = socket.listenerCount();
  const stop = bindPresence(sync, presence);
  sync.start();
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
  expect(presence.getState().online).toEqual({});
  // A join answer after stopping reaches no store.
  socket.serverDrops();
  socket.serverAccepts();
  await join([{ participantId: 'p-official', isTyping: false }]);
  expect(presence.getState().online).toEqual({});
  // The sync's own listeners, presence among them, leave the socket with it.
  sync.dispose();
  expect(socket.listenerCount()).toBe(before);
});
