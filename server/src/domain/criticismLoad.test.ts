import {
  criticismOf,
  criticismsInOrder,
  emptySessionState,
  foldEventsInPlace,
  newEvent,
  type Command,
  type NewEvent,
  type Participant,
  type SessionState,
  stateText,
  unparsedCriticismLines,
} from '@plenum/shared';
import { beforeEach, describe, expect, test } from 'vitest';
import { randomIds } from '../lib/ids.js';
import { systemTimers } from '../lib/systemClock.js';
import { demoWorld, manualClock } from '../test/demoWorld.js';
import { copyLog, durableStores } from '../test/durableStores.js';
import { CommandService } from './commandService.js';
import { criticismsLoading } from './criticismLoad.js';
import type { Store, Timers } from './ports.js';
import { SessionStates } from './sessionStates.js';
import { snapshotOf } from './statesAt.js';

type World = Awaited<ReturnType<typeof demoWorld>>;

/**
 * Six lines of criticisms in the snapshot's text and part of a seventh (1,024 to a line); no
 * event after the snapshot names a criticism of the fifth and sixth.
 */
const criticismsInSnapshot = 6300;

let world: World;
/** The state the snapshot is saved at; the log then runs on with events on its criticisms. */
let saved: SessionState;
let store: Store;

/** Turns of the load, held until {@link loadAll} lets them go. */
let turns: (() => void)[];
const heldTurns: Timers = { after: (ms, task) => systemTimers.after(ms, task), nextTurn: (task) => turns.push(task) };

/** Lets the load run, turn by turn, until the state holds every criticism. */
async function loadAll(states: SessionStates, sessionId: string): Promise<void> {
  const loaded = states.loaded(sessionId);
  while (states.loading(sessionId)) {
    turns.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await loaded;
}

/** Settles what is already under way (store reads, batches) without letting a held turn run. */
async function settleAWhile(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A command service over `states` and the test's store, saving no snapshot of its own. */
const commandsOver = (states: SessionStates) =>
  new CommandService({
    store,
    states,
    clock: manualClock().clock,
    ids: randomIds,
    timers: systemTimers,
    snapshotQuietMs: null,
  });

const fromLog = async () =>
  foldEventsInPlace(
    emptySessionState(world.sessionId),
    await world.store.read(world.sessionId, 0, Number.MAX_SAFE_INTEGER),
  );

beforeEach(async () => {
  turns = [];
  world = await demoWorld();
  const { run, byRole } = world;
  await run(byRole.chair, { type: 'agenda:start-item', payload: { itemId: 'item-2' } });
  await run(byRole.chair, { type: 'agenda:open-floor', payload: { itemId: 'item-2' } });
  const posts: NewEvent[] = Array.from({ length: criticismsInSnapshot }, (_, i) =>
    newEvent('criticism:posted', {
      itemId: 'item-2',
      category: 'shortfall',
      severity: 'medium',
      indicatorId: null,
      text: `Point ${i}`,
      criticismId: `c-${i}`,
      unitId: 'eastfield-cement',
    }),
  );
  await world.commands.appendSystem(world.sessionId, byRole.official.id, () => posts);
  saved = await world.commands.state(world.sessionId);
  // After the snapshot: every kind of event that changes a criticism, on criticisms of several
  // lines, twice on one, and on a criticism posted after the snapshot.
  const chair = (command: Command) => run(byRole.chair, command);
  await run(byRole.inspector, { type: 'criticism:endorse', payload: { criticismId: 'c-5' } });
  await chair({ type: 'criticism:rule', payload: { criticismId: 'c-5', ruling: 'upheld', note: 'Recount.' } });
  await chair({ type: 'criticism:respond', payload: { criticismId: 'c-1500', text: 'Being reconciled.' } });
  await chair({ type: 'criticism:hide', payload: { criticismId: 'c-3400', reason: 'Names a person.' } });
  await chair({ type: 'criticism:hide', payload: { criticismId: 'c-3401', reason: 'Off the point.' } });
  await chair({ type: 'criticism:unhide', payload: { criticismId: 'c-3401' } });
  await chair({
    type: 'directive:issue',
    payload: {
      kind: 'inspection',
      assigneeUnitId: 'eastfield-cement',
      title: 'Inspect the depot',
      text: null,
      dueDate: '2026-05-01',
      fromCriticismId: 'c-2100',
      itemId: 'item-2',
    },
  });
  const posted = await run(byRole.official, {
    type: 'criticism:post',
    payload: { itemId: 'item-2', category: 'shortfall', severity: 'high', indicatorId: null, text: 'Late.' },
  });
  const { criticismId } = posted.events[0]!.payload as { criticismId: string };
  await run(byRole.inspector, { type: 'criticism:endorse', payload: { criticismId } });
});

describe.each(durableStores)(
  'a state whose criticisms load behind it, from a snapshot in parts ($kind)',
  { timeout: 30_000 },
  ({ open }) => {
    beforeEach(async () => {
      store = await open();
      await copyLog(store, await world.store.read(world.sessionId, 0, Number.MAX_SAFE_INTEGER));
      await store.saveSnapshot(snapshotOf(saved));
    });

    test('is used before its criticisms are read, and ends as the whole log folded, events on unread criticisms included', async () => {
      const states = new SessionStates(store, heldTurns);
      const state = await states.current(world.sessionId);

      expect(state.lastSeq).toBe(await store.head(world.sessionId));
      expect(states.loading(world.sessionId)).toBe(true);
      expect(criticismsLoading(state)).toBe(true);
      expect(criticismOf(state, 'c-5')).toBeUndefined();
      expect(state.criticisms.pages.flat()).toEqual((await fromLog()).criticisms.pages.flat());

      await loadAll(states, world.sessionId);
      expect(criticismsLoading(state)).toBe(false);
      expect(criticismOf(state, 'c-5')).toMatchObject({
        endorsedBy: [world.byRole.inspector.id],
        ruling: { note: 'Recount.' },
      });
      // The lines no event named are parsed here.
      const whole = await fromLog();
      expect(criticismsInOrder(state)).toEqual(criticismsInOrder(whole));
      expect(state).toEqual(whole);
    });

    test('a command on a criticism not read yet waits for it; other commands and reads without criticisms do not', async () => {
      const states = new SessionStates(store, heldTurns);
      const commands = commandsOver(states);
      const as = (actor: Participant, commandId: string, command: Command) =>
        commands.execute(actor, world.sessionId, commandId, command);
      const { byRole } = world;
      let endorsed = false;
      const endorsing = as(byRole.inspector, 'endorse-cold', {
        type: 'criticism:endorse',
        payload: { criticismId: 'c-3000' },
      }).then((outcome) => {
        endorsed = true;
        return outcome;
      });
      let read = false;
      const reading = commands.read(world.sessionId, (state) => criticismOf(state, 'c-3000')?.endorsedBy.length);
      void reading.then(() => (read = true));

      await as(byRole.official, 'raise-hand', { type: 'floor:raise-hand', payload: {} });
      const title = await commands.readWithoutCriticisms(world.sessionId, (state) => state.definition?.title);
      await settleAWhile();
      expect(title).toBeTruthy();
      expect(states.loading(world.sessionId)).toBe(true);
      expect([endorsed, read]).toEqual([false, false]);

      await loadAll(states, world.sessionId);
      expect((await endorsing).events.map((e) => e.type)).toEqual(['criticism:endorsed']);
      expect(await reading).toBe(1);
      await expect(
        as(byRole.inspector, 'endorse-missing', { type: 'criticism:endorse', payload: { criticismId: 'c-none' } }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    test('a full line no event named stays text until one of its criticisms is used; a reader of them all parses the rest in turns', async () => {
      const states = new SessionStates(store, heldTurns);
      const commands = commandsOver(states);
      const state = await states.current(world.sessionId);
      await loadAll(states, world.sessionId);
      expect(unparsedCriticismLines(state.criticisms)).toBe(2);
      const whole = await fromLog();
      expect(stateText(state)).toBe(stateText(whole));
      expect(unparsedCriticismLines(state.criticisms)).toBe(2);

      expect(await commands.read(world.sessionId, (s) => criticismOf(s, 'c-4100')?.text)).toBe('Point 4100');
      expect(unparsedCriticismLines(state.criticisms)).toBe(1);

      let counted: number | null = null;
      void commands.readWhole(world.sessionId, (s) => criticismsInOrder(s).length).then((n) => (counted = n));
      await settleAWhile();
      expect([counted, unparsedCriticismLines(state.criticisms)]).toEqual([null, 1]);
      while (counted === null) {
        turns.shift()?.();
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(counted).toBe(criticismsInSnapshot + 1);
      expect(state).toEqual(whole);
    });

    test('a snapshot replaced while its criticisms load: the state is dropped and made again, whole', async () => {
      const states = new SessionStates(store, heldTurns);
      const state = await states.current(world.sessionId);
      await store.saveSnapshot(snapshotOf(await fromLog()));
      await loadAll(states, world.sessionId);

      expect(states.loading(world.sessionId)).toBe(false);
      expect(states.cached(world.sessionId)).toBeUndefined();
      const again = await states.current(world.sessionId);
      expect(again).not.toBe(state);
      expect(states.loading(world.sessionId)).toBe(false);
      expect(again).toEqual(await fromLog());
    });
  },
);
