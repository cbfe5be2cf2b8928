import { describe, expect, test, vi } from 'vitest';
import { Lane } from './lane.js';
import type { Timers } from './ports.js';
import { snapshotEvery, snapshotForcedEvery } from './sessionStates.js';
import { SnapshotScheduler } from './snapshotScheduler.js';

/** Timers a test runs by hand: the tasks of the next turn, and the waits with their length. */
function manualTimers() {
  const turns: (() => void)[] = [];
  const waits: { ms: number; task: () => void; cancelled: boolean }[] = [];
  const timers: Timers = {
    after(ms, task) {
      const wait = { ms, task, cancelled: false };
      waits.push(wait);
      return () => (wait.cancelled = true);
    },
    nextTurn: (task) => void turns.push(task),
  };
  return { timers, turns, waits };
}

/** A session whose state is `behind` events past its last snapshot. */
function statesBehind(behind: number) {
  return {
    snapshotsDue: vi.fn((events: number = snapshotEvery) => (behind >= Math.max(1, events) ? ['s-1'] : [])),
    saveSnapshot: vi.fn(() => Promise.resolve()),
  };
}

/** Lets the lane run what was given to it. */
const drain = (lane: Lane) => lane.run(() => Promise.resolve());

describe('SnapshotScheduler', () => {
  test('a due snapshot waits for the quiet time, and each new batch starts the wait again', async () => {
    const { timers, turns, waits } = manualTimers();
    const states = statesBehind(snapshotEvery);
    const lane = new Lane();
    const scheduler = new SnapshotScheduler({ states, lane, timers, quietMs: 2_000 });
    scheduler.schedule();
    scheduler.schedule();
    expect(turns).toHaveLength(0);
    expect(waits.map((w) => [w.ms, w.cancelled])).toEqual([
      [2_000, true],
      [2_000, false],
    ]);
    waits[1]!.task();
    await drain(lane);
    expect(states.saveSnapshot).toHaveBeenCalledWith('s-1', { alone: false });
  });

  test(`one ${snapshotForcedEvery} events behind is saved in the next turn, without waiting`, async () => {
    const { timers, turns } = manualTimers();
    const states = statesBehind(snapshotForcedEvery);
    const lane = new Lane();
    new SnapshotScheduler({ states, lane, timers, quietMs: 2_000 }).schedule();
    expect(turns).toHaveLength(1);
    turns[0]!();
    await drain(lane);
    expect(states.saveSnapshot).toHaveBeenCalledTimes(1);
  });

  test('without a quiet time, due snapshots are saved in the next turn; none are armed when none is due', async () => {
    const { timers, turns, waits } = manualTimers();
    const lane = new Lane();
    new SnapshotScheduler({ states: statesBehind(snapshotEvery - 1), lane, timers, quietMs: null }).schedule();
    expect([turns.length, waits.length]).toEqual([0, 0]);
    const states = statesBehind(snapshotEvery);
    new SnapshotScheduler({ states, lane, timers, quietMs: null }).schedule();
    turns[0]!();
    await drain(lane);
    expect(states.saveSnapshot).toHaveBeenCalledTimes(1);
  });

  test('saveAll saves every moved state alone, cancels the wait, and reports a failed save', async () => {
    const { timers, waits } = manualTimers();
    const states = statesBehind(1);
    states.saveSnapshot.mockRejectedValueOnce(new Error('disk full'));
    const onError = vi.fn();
    const scheduler = new SnapshotScheduler({ states, lane: new Lane(), timers, quietMs: 2_000, onError });
    states.snapshotsDue.mockReturnValueOnce(['s-1']);
    scheduler.schedule();
    await scheduler.saveAll();
    expect(waits[0]!.cancelled).toBe(true);
    expect(states.snapshotsDue).toHaveBeenLastCalledWith(1);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk full' }), 's-1');
    // It holds the command lane, so no commit waits on its writes.
    expect(states.saveSnapshot).toHaveBeenCalledWith('s-1', { alone: true });
  });
});
