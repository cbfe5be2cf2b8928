import { criticismCount, criticismOf, newEvent, type Command, type Participant } from '@plenum/shared';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { InMemoryStore } from '../storage/InMemoryStore.js';
import { demoWorld, refusal } from '../test/demoWorld.js';
import type { CommandOutcome, CommandService } from './commandService.js';
import { DomainError } from './errors.js';
import type { AppendOutcome, AppendRequest } from './ports.js';

let store: InMemoryStore;
let commands: CommandService;
let sessionId: string;
let byRole: Record<string, Participant>;

beforeEach(async () => {
  const world = await demoWorld({ now: () => new Date('2026-04-13T09:00:00.000Z') });
  ({ store, commands, sessionId, byRole } = world);
});

const start: Command = { type: 'agenda:start-item', payload: { itemId: 'item-2' } };

/** What another process appends on top of `head`: the session renamed. */
const renamedElsewhere = (head: number): AppendRequest => ({
  sessionId,
  commandId: 'elsewhere-1',
  actorId: byRole.chair!.id,
  expectedSeq: head,
  at: '2026-04-13T09:00:00.000Z',
  events: [{ type: 'session:renamed', payload: { title: 'Renamed elsewhere' } }],
});

describe('CommandService', () => {
  test('appends the decided events with the next seq and returns it', async () => {
    const head = await store.head(sessionId);
    const outcome = await commands.execute(byRole.chair!, sessionId, 'cmd-00001', start);
    expect(outcome.result).toEqual({ seq: head + 1 });
    expect(outcome.events).toMatchObject([
      {
        seq: head + 1,
        type: 'agenda:item-started',
        actorId: byRole.chair!.id,
        payload: { itemId: 'item-2', startedAt: '2026-04-13T09:00:00.000Z' },
      },
    ]);
    expect((await commands.state(sessionId)).currentItemId).toBe('item-2');
  });

  test('state() is a copy that later commands leave alone; read() derives from the live state', async () => {
    const before = await commands.state(sessionId);
    await commands.execute(byRole.chair!, sessionId, 'cmd-00001', start);
    expect(before.currentItemId).toBeNull();
    expect(await commands.read(sessionId, (state) => state.currentItemId)).toBe('item-2');
    expect(await commands.read(sessionId, (state) => state.lastSeq)).toBe(await store.head(sessionId));
  });

  test('P2: a repeated command id returns the first answer and appends nothing', async () => {
    const first = await commands.execute(byRole.chair!, sessionId, 'cmd-00001', start);
    const head = await store.head(sessionId);
    const again = await commands.execute(byRole.chair!, sessionId, 'cmd-00001', start);
    expect(again).toEqual({ result: first.result, events: [] });
    expect(await store.head(sessionId)).toBe(head);
  });

  test('P2: another participant reusing a command id is refused', async () => {
    await commands.execute(byRole.chair!, sessionId, 'cmd-00001', start);
    expect((await refusal(commands.execute(byRole.official!, sessionId, 'cmd-00001', start))).code).toBe('CONFLICT');
  });

  test('P8: a command outside the role is FORBIDDEN and appends nothing', async () => {
    const head = await store.head(sessionId);
    for (const role of ['official', 'presenter', 'inspector', 'observer']) {
      expect((await refusal(commands.execute(byRole[role]!, sessionId, `cmd-${role}-1`, start))).code).toBe(
        'FORBIDDEN',
      );
    }
    expect(await store.head(sessionId)).toBe(head);
  });

  test('a presenter submits only their own unit’s report', async () => {
    const report: Command = {
      type: 'report:submit',
      payload: {
        unitId: 'riverside-steel',
        note: null,
        indicators: [
          {
            id: 'a',
            name: 'Steel',
            measure: 't',
            planned: 1,
            reported: 1,
            weight: 1,
            isProduction: true,
            previous: null,
            partOf: null,
          },
        ],
      },
    };
    expect((await refusal(commands.execute(byRole.presenter!, sessionId, 'cmd-report-1', report))).code).toBe(
      'FORBIDDEN',
    );
    const own = { ...report, payload: { ...report.payload, unitId: 'eastfield-cement' } } as Command;
    await expect(commands.execute(byRole.presenter!, sessionId, 'cmd-report-2', own)).resolves.toMatchObject({
      events: [{ type: 'report:submitted' }],
    });
  });

  test('only one item holds the floor; criticism only on a live item; no self-endorsement or double endorsement', async () => {
    const post: Command = {
      type: 'criticism:post',
      payload: {
        itemId: 'item-2',
        category: 'shortfall',
        severity: 'medium',
        indicatorId: 'rolled',
        text: 'Rolled products short.',
      },
    };
    expect((await refusal(commands.execute(byRole.official!, sessionId, 'cmd-post-0', post))).code).toBe('CONFLICT');
    await commands.execute(byRole.chair!, sessionId, 'cmd-start-1', start);
    expect(
      (
        await refusal(
          commands.execute(byRole.chair!, sessionId, 'cmd-start-2', {
            type: 'agenda:start-item',
            payload: { itemId: 'item-3' },
          }),
        )
      ).code,
    ).toBe('CONFLICT');
    const posted = await commands.execute(byRole.official!, sessionId, 'cmd-post-1', post);
    const criticismId = (posted.events[0]!.payload as { criticismId: string }).criticismId;
    const endorse: Command = { type: 'criticism:endorse', payload: { criticismId } };
    expect((await refusal(commands.execute(byRole.official!, sessionId, 'cmd-endorse-1', endorse))).code).toBe(
      'CONFLICT',
    );
    await commands.execute(byRole.inspector!, sessionId, 'cmd-endorse-2', endorse);
    expect((await refusal(commands.execute(byRole.inspector!, sessionId, 'cmd-endorse-3', endorse))).code).toBe(
      'CONFLICT',
    );
    expect(criticismOf(await commands.state(sessionId), criticismId)?.endorsedBy).toEqual([byRole.inspector!.id]);
  });

  test('an unknown indicator or item is NOT_FOUND', async () => {
    await commands.execute(byRole.chair!, sessionId, 'cmd-start-1', start);
    const post: Command = {
      type: 'criticism:post',
      payload: { itemId: 'item-2', category: 'other', severity: 'low', indicatorId: 'nope', text: 'x' },
    };
    expect((await refusal(commands.execute(byRole.official!, sessionId, 'cmd-post-1', post))).code).toBe('NOT_FOUND');
    expect(
      (
        await refusal(
          commands.execute(byRole.chair!, sessionId, 'cmd-close-x', {
            type: 'agenda:close-item',
            payload: { itemId: 'nope' },
          }),
        )
      ).code,
    ).toBe('NOT_FOUND');
  });

  test('an item is deferred only to a later day, where it is carried over', async () => {
    const toEarlier: Command = { type: 'agenda:defer-item', payload: { itemId: 'item-5', toDayId: 'day-1' } };
    expect((await refusal(commands.execute(byRole.chair!, sessionId, 'cmd-defer-1', toEarlier))).code).toBe('CONFLICT');
    const outcome = await commands.execute(byRole.chair!, sessionId, 'cmd-defer-2', {
      type: 'agenda:defer-item',
      payload: { itemId: 'item-5', toDayId: 'day-3' },
    });
    const { newItemId } = outcome.events[0]!.payload as { newItemId: string };
    expect((await commands.state(sessionId)).agenda[newItemId]).toMatchObject({
      dayId: 'day-3',
      carriedFromItemId: 'item-5',
      status: 'pending',
    });
  });

  test('catches up with events another process appended before deciding', async () => {
    const head = await store.head(sessionId);
    await store.append(renamedElsewhere(head));
    const outcome = await commands.execute(byRole.chair!, sessionId, 'cmd-00001', start);
    expect(outcome.result.seq).toBe(head + 2);
    expect((await commands.state(sessionId)).definition?.title).toBe('Renamed elsewhere');
  });

  test('commands of one session are decided one at a time', async () => {
    const results = await Promise.allSettled(
      ['item-2', 'item-3', 'item-4'].map((itemId, i) =>
        commands.execute(byRole.chair!, sessionId, `cmd-race-${i}`, { type: 'agenda:start-item', payload: { itemId } }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r.reason as DomainError).code)).toEqual([
      'CONFLICT',
      'CONFLICT',
    ]);
  });
});

describe('CommandService group commit', () => {
  const post = (text: string): Command => ({
    type: 'criticism:post',
    payload: { itemId: 'item-2', category: 'shortfall', severity: 'medium', indicatorId: null, text },
  });
  const settle = <T>(promise: Promise<T>) =>
    promise.then(
      (value) => ({ value, error: null }),
      (error: unknown) => ({ value: null, error }),
    );
  const gate = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };
  /** Lets the next turn of the event loop run. */
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  test('P1/P3: commands of one turn are decided in order, each on the events before it, and appended in one transaction', async () => {
    await commands.execute(byRole.chair!, sessionId, 'cmd-start', start);
    const head = await store.head(sessionId);
    const batches = vi.spyOn(store, 'appendBatch');
    const [a, b, renamed, closed, late] = await Promise.all([
      settle(commands.execute(byRole.official!, sessionId, 'cmd-a', post('a'))),
      settle(commands.execute(byRole.inspector!, sessionId, 'cmd-b', post('b'))),
      settle(
        commands.appendSystem(sessionId, 'system', (state) => [
          newEvent('session:renamed', { title: `After ${criticismCount(state)} criticisms` }),
        ]),
      ),
      settle(
        commands.execute(byRole.chair!, sessionId, 'cmd-close', {
          type: 'agenda:close-item',
          payload: { itemId: 'item-2' },
        }),
      ),
      settle(commands.execute(byRole.official!, sessionId, 'cmd-late', post('late'))),
    ]);
    expect(batches).toHaveBeenCalledTimes(1);
    const appended = [a, b, renamed, closed].map((r) => r.value!);
    const requests = batches.mock.calls[0]![0];
    expect(requests.map((r) => r.commandId)).toEqual(['cmd-a', 'cmd-b', null, 'cmd-close']);
    // expectedSeq chains through the batch, so seq stays dense (P1).
    expect(requests.map((r) => r.expectedSeq)).toEqual([head, ...appended.slice(0, 3).map((o) => o.result.seq)]);
    const log = await store.read(sessionId, head, 100);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => head + i + 1));
    expect(appended.flatMap((o) => o.events)).toEqual(log);
    // Decided on the uncommitted events of the batch's earlier commands.
    expect(renamed.value!.events[0]!.payload).toEqual({ title: 'After 2 criticisms' });
    expect((late.error as DomainError).code).toBe('CONFLICT');
  });

  test('P3: a command is answered only once its batch is committed', async () => {
    const inTransaction = gate();
    const commit = gate();
    const appendBatch = store.appendBatch.bind(store);
    vi.spyOn(store, 'appendBatch').mockImplementationOnce(async (requests) => {
      inTransaction.resolve();
      await commit.promise;
      return appendBatch(requests);
    });
    let answered = false;
    const executing = commands.execute(byRole.chair!, sessionId, 'cmd-start', start).finally(() => (answered = true));
    await inTransaction.promise;
    await nextTurn();
    expect(answered).toBe(false);
    commit.resolve();
    await executing;
    expect(answered).toBe(true);
  });

  test('P3: when the commit fails, no command of the batch is answered with success, nothing is appended and the state is folded again from the log', async () => {
    const head = await store.head(sessionId);
    const before = await commands.state(sessionId);
    vi.spyOn(store, 'appendBatch').mockRejectedValueOnce(new Error('disk I/O error'));
    const results = await Promise.all([
      settle(commands.execute(byRole.chair!, sessionId, 'cmd-start', start)),
      // Valid only on the start above, which is never committed.
      settle(commands.execute(byRole.official!, sessionId, 'cmd-a', post('a'))),
      settle(commands.appendSystem(sessionId, 'system', () => [newEvent('session:renamed', { title: 'Lost' })])),
      // Refused only because of that start: not an answer either.
      settle(
        commands.execute(byRole.chair!, sessionId, 'cmd-start-3', {
          type: 'agenda:start-item',
          payload: { itemId: 'item-3' },
        }),
      ),
    ]);
    expect(results.map((r) => (r.error as Error).message)).toEqual(Array(4).fill('disk I/O error'));
    expect(await store.head(sessionId)).toBe(head);
    expect(await commands.state(sessionId)).toEqual(before);
    // Nothing was consumed: the same command ids go through afterwards (P2).
    expect((await commands.execute(byRole.chair!, sessionId, 'cmd-start', start)).result).toEqual({ seq: head + 1 });
    expect((await commands.execute(byRole.official!, sessionId, 'cmd-a', post('a'))).result).toEqual({
      seq: head + 2,
    });
  });

  test('P2: a retry of a command still in its batch waits for and returns the first answer; another participant’s is CONFLICT', async () => {
    const head = await store.head(sessionId);
    const batches = vi.spyOn(store, 'appendBatch');
    const [first, retry, other] = await Promise.all([
      settle(commands.execute(byRole.chair!, sessionId, 'cmd-dup', start)),
      settle(commands.execute(byRole.chair!, sessionId, 'cmd-dup', start)),
      settle(commands.execute(byRole.official!, sessionId, 'cmd-dup', post('a'))),
    ]);
    expect(first.value).toMatchObject({ result: { seq: head + 1 }, events: [{ type: 'agenda:item-started' }] });
    expect(retry.value).toEqual({ result: { seq: head + 1 }, events: [] } satisfies CommandOutcome);
    expect((other.error as DomainError).code).toBe('CONFLICT');
    expect(batches.mock.calls.flatMap(([requests]) => requests)).toHaveLength(1);
    expect(await store.head(sessionId)).toBe(head + 1);
  });

  test('a batch that lost the race with another process is decided again on the log as it now is', async () => {
    const head = await store.head(sessionId);
    const appendBatch = store.appendBatch.bind(store);
    const batches = vi
      .spyOn(store, 'appendBatch')
      .mockImplementationOnce(async (requests): Promise<AppendOutcome[]> => {
        await appendBatch([renamedElsewhere(head)]);
        return appendBatch(requests);
      });
    const [started, renamed] = await Promise.all([
      commands.execute(byRole.chair!, sessionId, 'cmd-start', start),
      commands.appendSystem(sessionId, 'system', (state) => [
        newEvent('session:renamed', { title: `${state.definition!.title}, again` }),
      ]),
    ]);
    expect(batches).toHaveBeenCalledTimes(2);
    expect(started.result).toEqual({ seq: head + 2 });
    expect(renamed.events[0]!.payload).toEqual({ title: 'Renamed elsewhere, again' });
    expect((await commands.state(sessionId)).definition?.title).toBe('Renamed elsewhere, again');
  });

  test('P1: an event is logged as decided, even when a later event of its batch changes what the state kept of it', async () => {
    const { definition } = await commands.state(sessionId);
    const [created] = await Promise.all([
      commands.appendSystem('s-new', 'system', () => [
        newEvent('session:created', { ...definition!, title: 'As created' }),
      ]),
      commands.appendSystem('s-new', 'system', () => [newEvent('session:renamed', { title: 'Renamed' })]),
    ]);
    const [logged] = await store.read('s-new', 0, 1);
    expect(logged).toEqual(created.events[0]);
    expect(logged?.payload).toMatchObject({ title: 'As created' });
    expect((await commands.state('s-new')).definition?.title).toBe('Renamed');
  });

  test('state() answers after the commands queued before it', async () => {
    const executing = commands.execute(byRole.chair!, sessionId, 'cmd-start', start);
    expect((await commands.state(sessionId)).currentItemId).toBe('item-2');
    await executing;
  });

  test('a refusal is not an error of the batch: the other commands commit', async () => {
    const head = await store.head(sessionId);
    const [refused, started] = await Promise.all([
      settle(commands.execute(byRole.official!, sessionId, 'cmd-a', post('too early'))),
      settle(commands.execute(byRole.chair!, sessionId, 'cmd-start', start)),
    ]);
    expect(refused.error).toBeInstanceOf(DomainError);
    expect(started.value?.result).toEqual({ seq: head + 1 });
  });

  test('a batch waits for the next turn of its timers: every command sent before that turn joins it', async () => {
    /** The turns asked for while held; null: each runs as the real timers would run it. */
    let held: (() => void)[] | null = null;
    const world = await demoWorld(undefined, {
      timers: {
        after: () => () => undefined,
        nextTurn: (task) => (held ? held.push(task) : setImmediate(task)),
      },
    });
    const turns: (() => void)[] = (held = []);
    const batches = vi.spyOn(world.store, 'appendBatch');
    const first = world.commands.execute(world.byRole.chair, world.sessionId, 'cmd-start', start);
    await vi.waitFor(() => expect(turns).toHaveLength(1));
    const second = world.commands.execute(world.byRole.official, world.sessionId, 'cmd-post', post('joins'));
    await Promise.resolve();
    expect(batches).not.toHaveBeenCalled();
    turns.shift()!();
    const [started, posted] = await Promise.all([first, second]);
    expect(batches).toHaveBeenCalledTimes(1);
    expect(posted.result.seq).toBe(started.result.seq + 1);
  });
});

describe('CommandService.readAtLeast', () => {
  const title = (state: { definition: { title: string } | null }) => state.definition?.title;

  test('answers from the cached state, without reading the log, when it holds the given head', async () => {
    const head = await store.head(sessionId);
    const expected = await commands.read(sessionId, title);
    const reads = vi.spyOn(store, 'read');
    expect(await commands.readAtLeast(sessionId, head, title)).toBe(expected);
    expect(reads).not.toHaveBeenCalled();
  });

  test('catches up with the log when another process appended up to the given head', async () => {
    const head = await store.head(sessionId);
    await commands.read(sessionId, title);
    await store.append(renamedElsewhere(head));
    expect(await commands.readAtLeast(sessionId, head + 1, title)).toBe('Renamed elsewhere');
  });

  test('never answers from events folded for a batch that is not committed', async () => {
    const head = await store.head(sessionId);
    await commands.read(sessionId, title);
    let inTransaction!: () => void;
    const folded = new Promise<void>((resolve) => (inTransaction = resolve));
    let fail!: () => void;
    const failing = new Promise<void>((resolve) => (fail = resolve));
    vi.spyOn(store, 'appendBatch').mockImplementationOnce(async () => {
      inTransaction();
      await failing;
      throw new Error('disk I/O error');
    });
    const executing = commands.execute(byRole.chair!, sessionId, 'cmd-start', start).catch((error: Error) => error);
    await folded;
    const current = commands.readAtLeast(sessionId, head, (state) => state.currentItemId);
    fail();
    expect(((await executing) as Error).message).toBe('disk I/O error');
    expect(await current).toBeNull();
  });
});
