import { emptySessionState, foldEvents, stateVersion, type SessionEvent } from '@plenum/shared';
import { expect, onTestFinished } from 'vitest';
import { createConnectionStore, type ConnectionStatus, type ConnectionStoreApi } from '../../stores/connection';
import { createPendingStore } from '../../stores/pending';
import { createSessionStore, type SessionStoreApi } from '../../stores/session';
import { demoSession, ids, joinAnswer, type JoinAnswerOptions } from '../../test/events';
import { SessionSync, type SessionSyncOptions } from '../SessionSync';
import { FakeSocket, type FakeAsk } from './FakeSocket';

/** The last seq of the demo log. */
export const demoHead = demoSession().events.length;

/**
 * The state a client holds once it has applied `events`. Folded from a copy: the reducer keeps
 * parts of payloads in the state, and the store under test has frozen them.
 */
export const createAppliedState = (events: SessionEvent[]) =>
  foldEvents(emptySessionState(ids.session), structuredClone(events));

export function untilStatus(store: ConnectionStoreApi, status: ConnectionStatus): Promise<void> {
  if (store.getState().status === status) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = store.subscribe((state) => {
      if (state.status !== status) return;
      unsubscribe();
      resolve();
    });
  });
}

/** The options of a sync of the demo session over `fake`, with stores of its own. */
export function syncOptions(fake: FakeSocket) {
  return {
    socket: fake.asSocket(),
    sessionId: ids.session,
    session: createSessionStore(ids.session),
    connection: createConnectionStore(),
    pending: createPendingStore(),
  } satisfies SessionSyncOptions;
}

/** A sync of `options`, started. */
export function startSync(options: SessionSyncOptions): SessionSync {
  const sync = new SessionSync(options);
  sync.start();
  return sync;
}

/** A started sync over a new fake socket, disposed when the test ends. */
export function setup(options: Partial<SessionSyncOptions> = {}) {
  const fake = new FakeSocket();
  const { session, connection, pending, ...rest } = syncOptions(fake);
  const handle = startSync({ session, connection, pending, ...rest, ...options });
  onTestFinished(() => handle.dispose());
  const lastSeq = () => session.getState().session.lastSeq;
  return { fake, session, connection, pending, handle, lastSeq };
}
export type SyncEnv = ReturnType<typeof setup>;

/**
 * The next join the sync sends, checked to ask for what comes after `afterSeq`, with its
 * reducer's `stateVersion` unless `asksForState` is false (P26).
 */
export async function nextJoin(env: SyncEnv, afterSeq: number, asksForState = true): Promise<FakeAsk> {
  const join = await env.fake.nextAsk('session:join');
  expect(join.payload).toEqual({ sessionId: ids.session, afterSeq, ...(asksForState ? { stateVersion } : {}) });
  return join;
}

/** Connects, answers the first join with `events`, and waits until the connection is live. */
export async function goLive(env: SyncEnv, events: SessionEvent[], options?: JoinAnswerOptions) {
  env.fake.serverAccepts();
  const join = await env.fake.nextAsk('session:join');
  join.answer(joinAnswer(events, options));
  await untilStatus(env.connection, 'live');
}

/** The `lastSeq` of each state the store takes: one entry per time events are applied (or a reset). */
export function recordApplications(session: SessionStoreApi): () => number[] {
  const seen: number[] = [];
  const unsubscribe = session.subscribe((state, previous) => {
    if (state.session !== previous.session) seen.push(state.session.lastSeq);
  });
  onTestFinished(unsubscribe);
  return () => seen;
}
