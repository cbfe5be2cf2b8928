import { emptySessionState, foldEventsInPlace, stateVersion, type SessionEvent } from '@plenum/shared';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import { SessionStates } from '../domain/sessionStates.js';
import { snapshotState } from '../domain/statesAt.js';
import { copyLog, durableStores } from '../test/durableStores.js';
import { heldDemoWorld } from '../test/recordsMeeting.js';
import { systemTimers } from '../lib/systemClock.js';
import { SnapshotThread } from './SnapshotThread.js';

/** The demo's log after a morning of the review, split where the snapshots are saved. */
async function meetingLog(): Promise<{ sessionId: string; log: SessionEvent[] }> {
  const world = await heldDemoWorld();
  return { sessionId: world.sessionId, log: await world.store.read(world.sessionId, 0, Number.MAX_SAFE_INTEGER) };
}

const folded = (log: readonly SessionEvent[]) => foldEventsInPlace(emptySessionState(log[0]!.sessionId), log);

// The thread's first save starts it (and, from source, compiles what it runs): seconds on a busy machine.
describe.each(durableStores)('snapshots written on their own thread, $kind', { timeout: 60_000 }, ({ open }) => {
  test('the snapshot the thread writes loads back as the log folded to its seq, and a start folds only the log after it', async () => {
    const { sessionId, log } = await meetingLog();
    const store = await open();
    const thread = new SnapshotThread(store.address!);
    onTestFinished(() => thread.close());
    const middle = Math.floor(log.length / 2);
    await copyLog(store, log.slice(0, middle));

    await thread.write(sessionId, middle);
    const first = (await store.loadSnapshot(sessionId))!;
    expect(first).toMatchObject({ seq: middle, version: stateVersion });
    expect(snapshotState(first, sessionId, middle)).toEqual(folded(log.slice(0, middle)));

    // The next save folds on from the state the thread made last.
    await copyLog(store, log.slice(middle));
    await thread.write(sessionId, log.length);
    const second = (await store.loadSnapshot(sessionId))!;
    expect(second.seq).toBe(log.length);
    expect(snapshotState(second, sessionId, log.length)).toEqual(folded(log));

    const read = vi.spyOn(store, 'read');
    const states = new SessionStates(store, systemTimers);
    const started = await states.current(sessionId);
    await states.loaded(sessionId);
    expect(started).toEqual(folded(log));
    expect(read.mock.calls.map(([, afterSeq]) => afterSeq)).toEqual([log.length]);
  });

  test('a save at a seq below the snapshot stored writes the state at that seq, not the later one', async () => {
    const { sessionId, log } = await meetingLog();
    const store = await open();
    const thread = new SnapshotThread(store.address!);
    onTestFinished(() => thread.close());
    await copyLog(store, log);
    await thread.write(sessionId, log.length);
    // Neither the snapshot stored nor the state the thread made last is that seq's past.
    await thread.write(sessionId, log.length - 4);
    const earlier = (await store.loadSnapshot(sessionId))!;
    expect(earlier.seq).toBe(log.length - 4);
    expect(snapshotState(earlier, sessionId, log.length)).toEqual(folded(log.slice(0, -4)));
  });

  test('SessionStates hands its saves to the writer with the seq of its state and how to save, and serialises nothing itself', async () => {
    const { sessionId, log } = await meetingLog();
    const store = await open();
    await copyLog(store, log);
    const write = vi.fn(() => Promise.resolve());
    const saveSnapshot = vi.spyOn(store, 'saveSnapshot');
    const states = new SessionStates(store, systemTimers, undefined, { write });
    await states.current(sessionId);
    await states.saveSnapshot(sessionId, { alone: true });
    expect(write).toHaveBeenCalledWith(sessionId, log.length, { alone: true });
    expect(saveSnapshot).not.toHaveBeenCalled();
  });
});
