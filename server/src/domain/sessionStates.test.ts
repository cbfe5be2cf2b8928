import {
  emptySessionState,
  foldEventsInPlace,
  newEvent,
  parseStateText,
  stateVersion,
  type Command,
  type NewEvent,
  type SessionState,
} from '@plenum/shared';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { systemTimers } from '../lib/systemClock.js';
import { demoWorld, manualClock } from '../test/demoWorld.js';
import { CommandService } from './commandService.js';
import { SessionStates, snapshotEvery, snapshotForcedEvery } from './sessionStates.js';

type World = Awaited<ReturnType<typeof demoWorld>>;

let world: World;
let bulk = 0;

beforeEach(async () => {
  // Without timers, snapshots are saved as soon as they are due.
  world = await demoWorld();
  await world.run(world.byRole.chair, { type: 'agenda:start-item', payload: { itemId: 'item-2' } });
  await world.run(world.byRole.chair, { type: 'agenda:open-floor', payload: { itemId: 'item-2' } });
});

/** A floor's worth of commands of several kinds: posts, endorsements, rulings, speeches, more time. */
async function floorActivity(rounds: number): Promise<void> {
  const { run, byRole } = world;
  for (let i = 0; i < rounds; i++) {
    const post: Command = {
      type: 'criticism:post',
      payload: { itemId: 'item-2', category: 'shortfall', severity: 'high', indicatorId: null, text: `Point ${i}` },
    };
    const posted = await run(byRole.official, post);
    const { criticismId } = posted.events[0]!.payload as { criticismId: string };
    await run(byRole.inspector, { type: 'criticism:endorse', payload: { criticismId } });
    await run(byRole.chair, {
      type: 'criticism:rule',
      payload: { criticismId, ruling: i % 2 ? 'upheld' : 'dismissed', note: i % 3 ? null : 'Noted.' },
    });
    await run(byRole.official, { type: 'floor:raise-hand', payload: {} });
    await run(byRole.chair, { type: 'floor:give', payload: { participantId: byRole.official.id } });
    await run(byRole.chair, { type: 'floor:end-speech', payload: {} });
    await run(byRole.chair, { type: 'agenda:extend-time', payload: { itemId: 'item-2', minutes: 1 } });
  }
}

/** Criticisms appended in bulk, as the benchmark grows a log. */
async function bulkCriticisms(count: number): Promise<void> {
  for (let done = 0; done < count; done += 1000) {
    const events: NewEvent[] = Array.from({ length: Math.min(1000, count - done) }, () =>
      newEvent('criticism:posted', {
        itemId: 'item-2',
        category: 'shortfall',
        severity: 'medium',
        indicatorId: null,
        text: `Bulk point ${++bulk}`,
        criticismId: `bulk-${bulk}`,
        unitId: 'riverside-steel',
      }),
    );
    await world.commands.appendSystem(world.sessionId, world.byRole.official.id, () => events);
  }
}

/** The state folded from the whole log, from nothing. */
async function fullFold(): Promise<SessionState> {
  const log = await world.store.read(world.sessionId, 0, Number.MAX_SAFE_INTEGER);
  return foldEventsInPlace(emptySessionState(world.sessionId), log);
}

/** Loads the session in a fresh SessionStates (as a start does); returns the state and where it read the log from. */
async function freshLoad(): Promise<{ state: SessionState; readFrom: number }> {
  const read = vi.spyOn(world.store, 'read');
  const state = await new SessionStates(world.store, systemTimers).current(world.sessionId);
  const readFrom = read.mock.calls[0]![1];
  read.mockRestore();
  return { state, readFrom };
}

/** These fold thousands of events: a bound that a busy machine stays within (no timing is asserted). */
const heavyTestBoundMs = 30_000;

describe('SessionStates snapshots', () => {
  test(
    'a state loaded from its snapshot and the log after it deep-equals a fold of the whole log',
    async () => {
      await floorActivity(10);
      await bulkCriticisms(6000);
      const states = new SessionStates(world.store, systemTimers);
      await states.current(world.sessionId);
      await states.saveSnapshot(world.sessionId);
      const snapshotSeq = (await world.store.loadSnapshot(world.sessionId))!.seq;
      expect(snapshotSeq).toBe(await world.store.head(world.sessionId));
      await floorActivity(10);
      await bulkCriticisms(2500);
      await world.run(world.byRole.chair, { type: 'agenda:close-item', payload: { itemId: 'item-2' } });

      const { state, readFrom } = await freshLoad();
      expect(readFrom).toBe(snapshotSeq);
      expect(state.lastSeq).toBe(await world.store.head(world.sessionId));
      expect(state).toEqual(await fullFold());
    },
    heavyTestBoundMs,
  );

  test('a snapshot of another state version is ignored: the whole log is folded', async () => {
    await floorActivity(2);
    const head = await world.store.head(world.sessionId);
    const stale = { ...(await fullFold()), definition: null };
    await world.store.saveSnapshot({
      sessionId: world.sessionId,
      seq: head,
      version: stateVersion + 1,
      state: JSON.stringify(stale),
    });
    const { state, readFrom } = await freshLoad();
    expect(readFrom).toBe(0);
    expect(state.definition).not.toBeNull();
    expect(state).toEqual(await fullFold());
  });

  test('a snapshot ahead of the log’s head (a log restored from an older backup) is ignored', async () => {
    await floorActivity(2);
    const head = await world.store.head(world.sessionId);
    const ahead = { ...(await fullFold()), lastSeq: head + 10, currentItemId: null };
    await world.store.saveSnapshot({
      sessionId: world.sessionId,
      seq: head + 10,
      version: stateVersion,
      state: JSON.stringify(ahead),
    });
    const { state, readFrom } = await freshLoad();
    expect(readFrom).toBe(0);
    expect(state.currentItemId).toBe('item-2');
    expect(state).toEqual(await fullFold());
  });
});

describe('CommandService snapshots', () => {
  test(`a snapshot is saved after the commit once the log ran ${snapshotEvery} events past the last, and saveSnapshots saves the rest`, async () => {
    const save = world.store.saveSnapshot.bind(world.store);
    const saves = vi.spyOn(world.store, 'saveSnapshot');
    const saved = new Promise<void>((resolve) =>
      saves.mockImplementation(async (snapshot) => {
        await save(snapshot);
        resolve();
      }),
    );
    const head = await world.store.head(world.sessionId);
    await bulkCriticisms(snapshotEvery - head - 1);
    // The lane has passed every batch and any save scheduled after it.
    await new Promise((resolve) => setImmediate(resolve));
    await world.commands.state(world.sessionId);
    expect(saves).not.toHaveBeenCalled();

    await bulkCriticisms(1);
    await saved;
    const snapshot = (await world.store.loadSnapshot(world.sessionId))!;
    expect(snapshot).toMatchObject({ seq: snapshotEvery, version: stateVersion });
    expect(parseStateText(snapshot.state)).toEqual(await world.commands.state(world.sessionId));

    await floorActivity(1);
    await world.commands.saveSnapshots();
    expect((await world.store.loadSnapshot(world.sessionId))!.seq).toBe(await world.store.head(world.sessionId));
  });

  test(
    `a due snapshot waits for a pause in the commands; one ${snapshotForcedEvery} events behind is saved at once`,
    async () => {
      world = await demoWorld(undefined, { timers: systemTimers, snapshotQuietMs: 1_000 });
      const saves = vi.spyOn(world.store, 'saveSnapshot');
      /** Lets every batch, and any save scheduled after it, pass through the lane. */
      const settle = async () => {
        await new Promise((resolve) => setImmediate(resolve));
        await world.commands.state(world.sessionId);
      };
      await bulkCriticisms(snapshotEvery);
      await settle();
      expect(saves).not.toHaveBeenCalled();
      await vi.waitFor(() => expect(saves).toHaveBeenCalledTimes(1), { timeout: 5_000 });

      await bulkCriticisms(snapshotForcedEvery);
      await settle();
      expect(saves).toHaveBeenCalledTimes(2);
      expect(saves.mock.lastCall![0].seq).toBe(await world.store.head(world.sessionId));
    },
    heavyTestBoundMs,
  );

  test('a snapshot that cannot be saved is reported, and commands carry on', async () => {
    const onSnapshotError = vi.fn();
    const commands = new CommandService({
      store: world.store,
      states: new SessionStates(world.store, systemTimers),
      clock: manualClock().clock,
      ids: world.ids,
      timers: systemTimers,
      snapshotQuietMs: null,
      onSnapshotError,
    });
    vi.spyOn(world.store, 'saveSnapshot').mockRejectedValue(new Error('disk full'));
    await commands.state(world.sessionId);
    await commands.saveSnapshots();
    expect(onSnapshotError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk full' }), world.sessionId);
    const outcome = await commands.execute(world.byRole.chair, world.sessionId, 'cmd-after', {
      type: 'agenda:close-item',
      payload: { itemId: 'item-2' },
    });
    expect(outcome.events).toHaveLength(1);
  });
});
