import { randomBytes } from 'node:crypto';
import { ConcurrencyError, type AppendOutcome, type AppendRequest } from '@plenum/server';
import { PostgresStore } from '@plenum/server/postgres';
import { newEvent } from '@plenum/shared';
import { expect, onTestFinished, test } from 'vitest';
import { databaseUrl } from './helpers/cluster.js';

const sessionId = 'session-1';

/** Three stores with pools of their own on one schema: three processes' view of PostgreSQL. */
async function threeProcesses(): Promise<PostgresStore[]> {
  const schema = `scale_${randomBytes(6).toString('hex')}`;
  onTestFinished(() => PostgresStore.dropSchema(databaseUrl, schema));
  const stores: PostgresStore[] = [];
  // One after another: the first creates the schema (the others find it under the same lock).
  for (let i = 0; i < 3; i++) stores.push(await PostgresStore.open(databaseUrl, { schema }));
  onTestFinished(async () => {
    await Promise.all(stores.map((store) => store.close()));
  });
  return stores;
}

function request(commandId: string, expectedSeq: number, events = 1): AppendRequest {
  return {
    sessionId,
    commandId,
    actorId: 'official-1',
    expectedSeq,
    at: '2026-03-02T09:00:00.000Z',
    events: Array.from({ length: events }, (_, i) => newEvent('session:renamed', { title: `${commandId} ${i}` })),
  };
}

/** Appends on the head as it now is; a head moved by another process is read again and retried. */
async function appendAtHead(store: PostgresStore, commandId: string, events: number): Promise<AppendOutcome> {
  for (let attempt = 0; attempt < 1000; attempt++) {
    try {
      return await store.append(request(commandId, await store.head(sessionId), events));
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
  }
  throw new Error(`${commandId}: still losing after 1000 attempts`);
}

test('P1 concurrent appenders in three processes: PostgreSQL assigns seq inside the append transaction, dense and without duplicates', async () => {
  const stores = await threeProcesses();
  const perStore = 25;
  const outcomes = await Promise.all(
    stores.flatMap((store, s) =>
      Array.from({ length: perStore }, (_, i) => appendAtHead(store, `cmd-${s}-${i}`, 1 + (i % 3))),
    ),
  );
  const events = await stores[0]!.read(sessionId, 0, 10_000);
  const total = stores.length * [...Array(perStore).keys()].reduce((sum, i) => sum + 1 + (i % 3), 0);
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  expect(await stores[1]!.head(sessionId)).toBe(total);
  // Each command's events are together, at the seqs its answer names.
  for (const outcome of outcomes) {
    expect(outcome.kind).toBe('appended');
    if (outcome.kind !== 'appended') continue;
    const mine = events.filter((e) => outcome.events.some((o) => o.seq === e.seq));
    expect(mine.map((e) => e.payload)).toEqual(outcome.events.map((e) => e.payload));
    expect(mine.at(-1)!.seq).toBe(outcome.result.seq);
  }
});

test('P2 one command id appended at once through three processes is logged once, and every process answers with its seq', async () => {
  const stores = await threeProcesses();
  await stores[0]!.append(request('first', 0));
  const outcomes = await Promise.all(stores.map((store) => store.append(request('twice', 1, 2))));
  expect(outcomes.filter((o) => o.kind === 'appended')).toHaveLength(1);
  expect(outcomes.map((o) => o.result)).toEqual([{ seq: 3 }, { seq: 3 }, { seq: 3 }]);
  expect((await stores[2]!.read(sessionId, 0, 100)).map((e) => e.seq)).toEqual([1, 2, 3]);
});
