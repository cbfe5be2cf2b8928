import { expect, onTestFinished, test } from 'vitest';
import { connectClient, type ClientSocket } from '../helpers/connectClient.js';
import { expectOk, postCriticism, sendCommand, sendJoin } from '../helpers/factories.js';
import { seedCluster } from './helpers/cluster.js';

/** The default commit budget of a participant (protections.ts): a burst of 300, then 10 a second. */
const commitBurst = 300;
const commitRefillPerSecond = 10;
/** Commands sent on the second node at most, well past either outcome. */
const secondNodeLimit = 400;

/** Posts criticisms one after another until one is refused or `limit` are taken; how many were taken. */
async function postUntilRefused(socket: ClientSocket, sessionId: string, limit: number): Promise<number> {
  for (let taken = 0; taken < limit; taken++) {
    const ack = await sendCommand(socket, sessionId, postCriticism('item-2', { text: `Point ${taken}.` }));
    if (!ack.ok) {
      expect(ack.error.code).toBe('RATE_LIMITED');
      return taken;
    }
  }
  return limit;
}

/**
 * One official with a socket on node A and one on node B spends most of its commit budget on
 * A, then posts on B until refused: what B admits, with what A admitted, stays within one
 * budget (the burst, the refill over the time taken, and what A took in its last moments
 * before telling B). Returns both counts and the seconds taken.
 */
async function spendAcrossTwoNodes(sameRooms: boolean) {
  const cluster = await seedCluster([], { floorOpenOn: 'item-2' });
  const a = await cluster.startNode();
  const b = await cluster.startNode(sameRooms ? {} : { redisPrefix: `${cluster.prefix}-apart` });
  const official = cluster.byRole('official')[0]!;
  const [onA, onB] = await Promise.all([a, b].map((node) => connectClient(node.url, { token: official.token })));
  onTestFinished(() => {
    onA!.disconnect();
    onB!.disconnect();
  });
  for (const socket of [onA!, onB!]) expectOk(await sendJoin(socket, { sessionId: cluster.sessionId, afterSeq: 0 }));

  const started = performance.now();
  const firstSpend = 200;
  for (let i = 0; i < firstSpend; i++) {
    expectOk(await sendCommand(onA!, cluster.sessionId, postCriticism('item-2', { text: `Point ${i} on A.` })));
  }
  // Past the interval at which the nodes tell each other what they took.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const onSecond = await postUntilRefused(onB!, cluster.sessionId, secondNodeLimit);
  return { onFirst: firstSpend, onSecond, seconds: (performance.now() - started) / 1000 };
}

test('P12 across processes: a participant with sockets on two nodes has one commit budget, not one per node (negative control: nodes that share no rooms keep a budget each)', async () => {
  const shared = await spendAcrossTwoNodes(true);
  const budget = commitBurst + commitRefillPerSecond * shared.seconds;
  expect(shared.onFirst + shared.onSecond, JSON.stringify(shared)).toBeLessThanOrEqual(budget);
  // B alone gave less than a budget of its own: it took what A had spent.
  expect(shared.onSecond, JSON.stringify(shared)).toBeLessThan(commitBurst);
  expect(shared.onSecond).toBeGreaterThan(0);

  const apart = await spendAcrossTwoNodes(false);
  expect(apart.onSecond, JSON.stringify(apart)).toBeGreaterThanOrEqual(commitBurst);
}, 120_000);

/** What the REST rate limit says is left for this address, from its `RateLimit` header (draft 8). */
async function remainingAfter(url: string): Promise<number> {
  const response = await fetch(`${url}/api/health`);
  const header = response.headers.get('ratelimit') ?? '';
  const remaining = /r=(\d+)/.exec(header)?.[1];
  if (remaining === undefined) throw new Error(`no RateLimit header: ${header}`);
  return Number(remaining);
}

test('P12 across processes: the REST rate limit counts an address once across nodes, in Redis (negative control: nodes that share no Redis prefix count apart)', async () => {
  const cluster = await seedCluster([]);
  const a = await cluster.startNode();
  const together = await cluster.startNode();
  const apart = await cluster.startNode({ redisPrefix: `${cluster.prefix}-apart` });
  const onA = 120;
  for (let i = 0; i < onA; i++) expect((await fetch(`${a.url}/api/health`)).status).toBe(200);
  const limit = await remainingAfter(apart.url);
  // Each node has used one request of its window; the one sharing A's counts, A's too.
  expect(await remainingAfter(together.url)).toBe(limit - onA);
}, 120_000);
