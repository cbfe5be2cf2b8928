import type { SessionEvent } from '@plenum/shared';
import { expect, test } from 'vitest';
import { api } from '../helpers/api.js';
import { postCriticism } from '../helpers/factories.js';
import { FaultClient, type OpRecord } from '../fault/helpers/faultClient.js';
import type { SpawnedServer } from '../helpers/serverProcess.js';
import { startBalancer } from './helpers/balancer.js';
import { seedCluster } from './helpers/cluster.js';
import { caughtUp, lagging, readLog, until } from './helpers/converge.js';

const clientCount = 30;
const commandsPerClient = 6;

/**
 * Three nodes behind a balancer, 30 clients spread over them, each sending its commands one
 * after another; once a third of the commands are acknowledged, `stopNode` stops node 1.
 */
async function underLoad(stopNode: (node: SpawnedServer) => void) {
  const cluster = await seedCluster([{ role: 'official', count: clientCount }], { floorOpenOn: 'item-2' });
  const nodes = await Promise.all([cluster.startNode(), cluster.startNode(), cluster.startNode()]);
  const balancer = await startBalancer(nodes.map((node) => Number(new URL(node.url).port)));
  const officials = cluster.byRole('official').slice(-clientCount);
  const clients = officials.map(
    (member, i) =>
      new FaultClient({ url: balancer.url, token: member.token, sessionId: cluster.sessionId, name: `official ${i}` }),
  );
  await Promise.all(clients.map(caughtUp));
  expect([...balancer.given.values()].every((count) => count >= clientCount / 3 - 1)).toBe(true);

  const ops: OpRecord[] = [];
  let acknowledged = 0;
  let stopped = false;
  await Promise.all(
    clients.map(async (client, i) => {
      for (let n = 0; n < commandsPerClient; n++) {
        const op = await client.run(postCriticism('item-2', { text: `Point ${n} of official ${i}.` }));
        ops.push(op);
        if (++acknowledged >= (clientCount * commandsPerClient) / 3 && !stopped) {
          stopped = true;
          stopNode(nodes[1]);
        }
      }
    }),
  );
  const exit = await nodes[1].exited;

  // Every client reconnected to a node still running and caught up with the whole log. The log
  // may still grow meanwhile: a client seated on the stopped node whose attendance was still in
  // that node's batch window is recorded where it reconnects, after its join is answered.
  const survivor = nodes[0];
  let events: SessionEvent[] = [];
  await until(
    async () => {
      ({ events } = await readLog(survivor.url, officials[0]!.token, cluster.sessionId));
      return clients.every((client) => client.lastSeq === events.at(-1)!.seq);
    },
    () => lagging(clients, events.at(-1)?.seq ?? 0),
    15_000,
  );
  const head = events.at(-1)!.seq;
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
  // 0 acknowledged commands lost, none applied twice.
  for (const op of ops) {
    const seq = op.answer?.ok ? op.answer.data.seq : null;
    expect(seq).not.toBeNull();
    const text = (op.command.payload as { text: string }).text;
    const logged = events.filter((e) => e.type === 'criticism:posted' && e.payload.text === text);
    expect(logged.map((e) => e.seq)).toEqual([seq]);
  }
  const folded = JSON.stringify(clients[0]!.state);
  for (const client of clients) expect(JSON.stringify(client.state)).toBe(folded);
  return { exit, clients };
}

test('P2 P4 SIGKILL of one node of three under load: its clients reconnect through the balancer to the others and catch up with no gap; 0 acknowledged commands lost', async () => {
  const { exit, clients } = await underLoad((node) => node.kill('SIGKILL'));
  expect(exit.signal).toBe('SIGKILL');
  expect(clients.some((client) => client.stats.disconnects > 0)).toBe(true);
});

test('SIGTERM drains a node under load: it reports not ready, closes its sockets (their clients move to the others), finishes the commands in flight and exits 0', async () => {
  const draining: { ready?: Promise<number> } = {};
  const { exit, clients } = await underLoad((node) => {
    node.kill('SIGTERM');
    draining.ready = api(node.url, '/api/ready').then(
      (answer) => answer.status,
      () => 0,
    );
  });
  expect(exit).toEqual({ code: 0, signal: null });
  expect(clients.some((client) => client.stats.disconnects > 0)).toBe(true);
  // Asked right after the signal: refused (503) or, if the listener had already closed, no answer.
  expect([503, 0]).toContain(await draining.ready);
});
