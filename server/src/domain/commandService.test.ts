import type { Command, Participant } from '@plenum/shared';
import { beforeEach, describe, expect, test } from 'vitest';
import type { InMemoryStore } from '../storage/InMemoryStore.js';
import { demoWorld, refusal } from '../test/demoWorld.js';
import type { CommandService } from './commandService.js';
import type { DomainError } from './errors.js';

let store: InMemoryStore;
let commands: CommandService;
let sessionId: string;
let byRole: Record<string, Participant>;

beforeEach(async () => {
  const world = await demoWorld({ now: () => new Date('2026-04-13T09:00:00.000Z') });
  ({ store, commands, sessionId, byRole } = world);
});

const start: Command = { type: 'agenda:start-item', payload: { itemId: 'item-2' } };

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
    expect((await commands.state(sessionId)).criticisms[criticismId]?.endorsedBy).toEqual([byRole.inspector!.id]);
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
    await store.append({
      sessionId,
      commandId: 'elsewhere-1',
      actorId: byRole.chair!.id,
      expectedSeq: head,
      at: '2026-04-13T09:00:00.000Z',
      events: [{ type: 'session:renamed', payload: { title: 'Renamed elsewhere' } }],
    });
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
