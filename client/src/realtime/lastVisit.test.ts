import { describe, expect, test, vi } from 'vitest';
import { createConnectionStore } from '../stores/connection';
import { createSessionStore } from '../stores/session';
import { demoSession, ids, joinAnswer, participants } from '../test/events';
import { flushMicrotasks, FakeSocket } from './testing/FakeSocket';
import { keepLastVisit, restoreLastVisit, type LastVisit, type VisitStorage } from './lastVisit';
import { sendCommand } from './sendCommand';
import { createAppliedState, demoHead, startSync, syncOptions, untilStatus } from './testing/syncHarness';

const token = 'token-of-the-official';

/** Visits kept in memory, as IndexedDB keeps them, with every write awaited. */
function memoryStorage() {
  const visits = new Map<string, LastVisit>();
  const storage: VisitStorage = {
    get: (key) => Promise.resolve(visits.get(key)),
    set: (key, visit) => {
      visits.set(key, structuredClone(visit));
      return Promise.resolve();
    },
  };
  return { visits, storage };
}

/** A device that followed the demo session live as the official, its state kept by `storage`. */
async function liveVisit(storage: VisitStorage, options: { epoch?: string } = {}) {
  const fake = new FakeSocket();
  const { session, connection, ...rest } = syncOptions(fake);
  let isSaved = false;
  const watched: VisitStorage = {
    get: (key) => storage.get(key),
    set: (key, visit) => storage.set(key, visit).then(() => void (isSaved = true)),
  };
  const stop = keepLastVisit({ sessionId: ids.session, token, session, connection, intervalMs: 0, storage: watched });
  const sync = startSync({ ...rest, session, connection });
  fake.serverAccepts();
  (await fake.nextAsk('session:join')).answer(
    joinAnswer(demoSession().events, { epoch: options.epoch ?? 'epoch-1', you: participants.official }),
  );
  await untilStatus(connection, 'live');
  // The save waits for its interval (0 here), then for the digest of the token: on a busy
  // machine longer than any fixed pause.
  await vi.waitFor(() => expect(isSaved).toBe(true), { timeout: 5000 });
  stop();
  sync.dispose();
}

describe('the last visit', () => {
  test('a live state is kept, and the next visit shows it at once as not live, then catches up from its seq', async () => {
    const { visits, storage } = memoryStorage();
    await liveVisit(storage);
    expect(visits.size).toBe(1);

    const fake = new FakeSocket();
    const options = syncOptions(fake);
    await restoreLastVisit({ sessionId: ids.session, token, session: options.session, isWanted: () => true, storage });
    expect(options.session.getState().isFromLastVisit).toBe(true);
    expect(options.session.getState().session).toEqual(createAppliedState(demoSession().events));

    const sync = startSync(options);
    fake.serverAccepts();
    const join = await fake.nextAsk('session:join');
    expect(join.payload).toMatchObject({ afterSeq: demoHead });
    // Commands wait: what is shown is not live yet.
    const refused = await sendCommand(
      fake.asSocket(),
      ids.session,
      { type: 'agenda:start-item', payload: { itemId: ids.itemOne } },
      {
        session: options.session,
        pending: options.pending,
      },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_LIVE' } });

    join.answer(joinAnswer([], { headSeq: demoHead, you: participants.official }));
    await untilStatus(options.connection, 'live');
    expect(options.session.getState().isFromLastVisit).toBe(false);
    sync.dispose();
  });

  test('another invitation on the same device does not see it', async () => {
    const { storage } = memoryStorage();
    await liveVisit(storage);
    const session = createSessionStore(ids.session);
    await restoreLastVisit({ sessionId: ids.session, token: 'another-token', session, isWanted: () => true, storage });
    expect(session.getState().isFromLastVisit).toBe(false);
    expect(session.getState().session.lastSeq).toBe(0);
  });

  test.each([
    ['the log has another epoch', { epoch: 'epoch-2', you: participants.official }],
    ['the invitation is now another participant', { epoch: 'epoch-1', you: participants.chair }],
  ])('it is dropped and the log followed from 0 when %s', async (_, answer) => {
    const { storage } = memoryStorage();
    await liveVisit(storage);
    const fake = new FakeSocket();
    const options = syncOptions(fake);
    await restoreLastVisit({ sessionId: ids.session, token, session: options.session, isWanted: () => true, storage });
    const sync = startSync(options);
    fake.serverAccepts();
    (await fake.nextAsk('session:join')).answer(joinAnswer([], { headSeq: demoHead, ...answer }));
    const again = await fake.nextAsk('session:join');
    expect(again.payload).toMatchObject({ afterSeq: 0 });
    expect(options.session.getState().isFromLastVisit).toBe(false);
    again.answer(joinAnswer(demoSession().events, answer));
    await untilStatus(options.connection, 'live');
    sync.dispose();
  });

  test('a state still catching up is not kept', async () => {
    const { visits, storage } = memoryStorage();
    const session = createSessionStore(ids.session);
    const connection = createConnectionStore();
    const stop = keepLastVisit({ sessionId: ids.session, token, session, connection, intervalMs: 0, storage });
    connection.getState().setStatus('catching-up');
    session.getState().setIdentity({ epoch: 'epoch-1', you: participants.official });
    session.getState().applyEvents(demoSession().events);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await flushMicrotasks();
    expect(visits.size).toBe(0);
    stop();
  });
});
