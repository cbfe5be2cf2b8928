import { expect, test } from 'vitest';
import { api } from '../helpers/api.js';
import { postCriticism } from '../helpers/factories.js';
import { waitForEvent } from '../helpers/waitForEvent.js';
import { FaultClient, type OpRecord } from '../fault/helpers/faultClient.js';
import { heartbeatMs, seedCluster } from './helpers/cluster.js';
import { attended, caughtUp, lagging, readLog, until } from './helpers/converge.js';
import { startOwnRedis } from './helpers/redisServer.js';

/** How long Redis stays away, as the issue asks. */
const outageMs = 30_000;

test('P3 P5 Redis stopped for 30 s under load and started again: the nodes keep acknowledging and storing commands, clients converge through the heartbeat and catch-up from the database (negative control: a client that ignores the heartbeat stays behind)', async () => {
  const redis = await startOwnRedis();
  const cluster = await seedCluster([{ role: 'official', count: 12 }], {
    redisUrl: redis.url,
    floorOpenOn: 'item-2',
  });
  const nodes = await Promise.all([cluster.startNode(), cluster.startNode()]);
  const officials = cluster.byRole('official').slice(-12);
  const clients = officials.map(
    (member, i) =>
      new FaultClient({
        url: nodes[i % 2]!.url,
        token: member.token,
        sessionId: cluster.sessionId,
        name: `official ${i} on node ${i % 2}`,
      }),
  );
  // Every join's attendance is in and heard before the rounds: nothing but the rounds follows.
  await attended(
    nodes[0].url,
    officials[0]!.token,
    cluster.sessionId,
    officials.map((m) => m.participant.id),
  );
  await Promise.all(clients.map(caughtUp));
  // The negative control: on node 1, with the heartbeat's catch-up switched off.
  const deaf = clients[1]!;
  deaf.socket.off('session:head');

  const ops: OpRecord[] = [];
  const round = async (label: string, writers = clients.filter((client) => client !== deaf)): Promise<void> => {
    const done = await Promise.all(
      writers.map((client, i) => client.run(postCriticism('item-2', { text: `${label}: point of official ${i}.` }))),
    );
    ops.push(...done);
  };
  const head = async (): Promise<number> =>
    (await readLog(nodes[0].url, officials[0]!.token, cluster.sessionId)).events.at(-1)!.seq;

  await round('before the outage');
  await redis.stop();
  const outageEnds = performance.now() + outageMs;

  // Redis is away: both nodes stay up, say they are not ready, and acknowledge commands.
  const ready = await api<unknown>(nodes[0].url, '/api/ready');
  expect(ready.status).toBe(503);
  expect(ready.body).toMatchObject({ redis: false, store: true });
  await round('during the outage, first');
  await round('during the outage, second');
  // Last, node 0 alone: node 1's clients hear of it only through the heartbeat (no later live
  // event of their own node shows them a gap).
  await round(
    'during the outage, on node 0',
    clients.filter((_, i) => i % 2 === 0),
  );
  const duringHead = await head();
  await until(
    () => clients.filter((client) => client !== deaf).every((client) => client.lastSeq === duringHead),
    () => lagging(clients, duringHead),
    5 * heartbeatMs,
  );
  // Two more heartbeats reach the deaf client: it still misses what node 0 committed.
  await waitForEvent(deaf.socket, 'session:head', undefined, { timeoutMs: 5 * heartbeatMs });
  await waitForEvent(deaf.socket, 'session:head', undefined, { timeoutMs: 5 * heartbeatMs });
  expect(deaf.lastSeq).toBeLessThan(duringHead);

  await new Promise((resolve) => setTimeout(resolve, Math.max(0, outageEnds - performance.now())));
  // Both nodes are still up at the end of the outage (a refused publication once stopped them).
  for (const node of nodes) expect((await api(node.url, '/api/ready')).status).toBe(503);
  await redis.start();
  await round('after the outage');
  const finalHead = await head();
  await until(
    () => clients.filter((client) => client !== deaf).every((client) => client.lastSeq === finalHead),
    () => lagging(clients, finalHead),
    heartbeatMs + 5000,
  );
  await until(
    async () => (await api(nodes[1].url, '/api/ready')).status === 200,
    () => 'node 1 ready again',
    10_000,
  );

  // 0 acknowledged commands lost: each is in the log at its acknowledged seq, once.
  const { events } = await readLog(nodes[1].url, officials[0]!.token, cluster.sessionId);
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length: finalHead }, (_, i) => i + 1));
  for (const op of ops) {
    expect(op.answer?.ok).toBe(true);
    const text = (op.command.payload as { text: string }).text;
    expect(events.filter((e) => e.type === 'criticism:posted' && e.payload.text === text)).toHaveLength(1);
  }
});
