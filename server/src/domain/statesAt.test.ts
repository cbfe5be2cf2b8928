import { emptySessionState, foldEventsInPlace, stateVersion, type SessionState } from '@plenum/shared';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { demoWorld } from '../test/demoWorld.js';
import { heldDemoWorld } from '../test/recordsMeeting.js';
import { snapshotFits, snapshotOf, StatesAt } from './statesAt.js';

type World = Awaited<ReturnType<typeof demoWorld>>;

let world: World;
let head: number;

beforeEach(async () => {
  world = await heldDemoWorld();
  head = await world.store.head(world.sessionId);
});

/** The session's log folded from nothing up to `seq`. */
async function foldTo(seq: number): Promise<SessionState> {
  const log = await world.store.read(world.sessionId, 0, seq);
  return foldEventsInPlace(emptySessionState(world.sessionId), log);
}

/** Where each read of the log started, and whether the snapshot was asked for, while `make` ran. */
async function reads<T>(make: () => Promise<T>): Promise<{ value: T; from: number[]; snapshotAsked: boolean }> {
  const read = vi.spyOn(world.store, 'read');
  const loadSnapshot = vi.spyOn(world.store, 'loadSnapshot');
  try {
    const value = await make();
    return {
      value,
      from: read.mock.calls.map(([, afterSeq]) => afterSeq),
      snapshotAsked: loadSnapshot.mock.calls.length > 0,
    };
  } finally {
    read.mockRestore();
    loadSnapshot.mockRestore();
  }
}

describe('StatesAt: a session’s state at a seq, made from the store', () => {
  test('at the head and at an earlier seq, the state deep-equals the log folded up to that seq', async () => {
    const states = new StatesAt(world.store);
    expect(await states.at(world.sessionId, head)).toEqual(await foldTo(head));
    expect(await new StatesAt(world.store).at(world.sessionId, head - 7)).toEqual(await foldTo(head - 7));
  });

  test('it starts from a snapshot at or below the seq and folds only the log after it', async () => {
    const snapshotSeq = head - 10;
    await world.store.saveSnapshot(snapshotOf(await foldTo(snapshotSeq)));
    const { value, from } = await reads(() => new StatesAt(world.store).at(world.sessionId, head));
    expect(from[0]).toBe(snapshotSeq);
    expect(value).toEqual(await foldTo(head));
  });

  test('a seq below a newer snapshot gets the state at that seq, folded from the log, not the snapshot’s', async () => {
    await world.store.saveSnapshot(snapshotOf(await foldTo(head)));
    const { value, from } = await reads(() => new StatesAt(world.store).at(world.sessionId, head - 5));
    expect(from[0]).toBe(0);
    expect(value.lastSeq).toBe(head - 5);
    expect(value).toEqual(await foldTo(head - 5));
  });

  test('a snapshot of another state version is ignored', async () => {
    const other = { ...snapshotOf(await foldTo(head)), version: stateVersion + 1 };
    await world.store.saveSnapshot({ ...other, state: JSON.stringify({ ...(await foldTo(head)), definition: null }) });
    const { value, from } = await reads(() => new StatesAt(world.store).at(world.sessionId, head));
    expect(from[0]).toBe(0);
    expect(value).toEqual(await foldTo(head));
  });

  test('the state made last is kept: the next, at a later seq, folds only the events in between', async () => {
    const states = new StatesAt(world.store);
    await states.at(world.sessionId, head - 3);
    const later = await reads(() => states.at(world.sessionId, head));
    expect(later.snapshotAsked).toBe(false);
    expect(later.from).toEqual([head - 3]);
    expect(later.value).toEqual(await foldTo(head));
    // An earlier seq is made anew and leaves the later state kept.
    expect(await states.at(world.sessionId, head - 3)).toEqual(await foldTo(head - 3));
    const again = await reads(() => states.at(world.sessionId, head));
    expect(again.from).toEqual([]);
    expect(again.value).toEqual(await foldTo(head));
  });

  test('a seq past the log’s end is refused, and the state kept is dropped rather than left half folded', async () => {
    const states = new StatesAt(world.store);
    await states.at(world.sessionId, head);
    await expect(states.at(world.sessionId, head + 1)).rejects.toThrow(/ends at/);
    const after = await reads(() => states.at(world.sessionId, head));
    expect(after.snapshotAsked).toBe(true);
    expect(after.value).toEqual(await foldTo(head));
  });
});

describe('snapshotFits: the one check of a snapshot’s head, for a state and for a join (P26)', () => {
  test('this reducer’s snapshot at or below the seq fits; one ahead of it, or of another version, does not', () => {
    expect(snapshotFits({ seq: 10, version: stateVersion }, 10)).toBe(true);
    expect(snapshotFits({ seq: 9, version: stateVersion }, 10)).toBe(true);
    expect(snapshotFits({ seq: 11, version: stateVersion }, 10)).toBe(false);
    expect(snapshotFits({ seq: 10, version: stateVersion + 1 }, 10)).toBe(false);
  });
});
