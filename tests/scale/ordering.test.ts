import { expect, test } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { expectOk, newCommandId, postCriticism, sendCommand } from '../helpers/factories.js';
import { FaultClient } from '../fault/helpers/faultClient.js';
import { seedCluster } from './helpers/cluster.js';
import { caughtUp, lagging, readLog, until } from './helpers/converge.js';

const clientCount = 90;
const writers = 30;
const commandsPerWriter = 4;

test('P1 P2 P4: three nodes on one schema and one Redis, 90 clients spread across them, commands from all three: every client folds the same dense log', async () => {
  const cluster = await seedCluster([{ role: 'official', count: clientCount }], { floorOpenOn: 'item-2' });
  const nodes = await Promise.all([cluster.startNode(), cluster.startNode(), cluster.startNode()]);
  const officials = cluster.byRole('official').slice(0, clientCount);
  const clients = officials.map(
    (member, i) =>
      new FaultClient({
        url: nodes[i % nodes.length]!.url,
        token: member.token,
        sessionId: cluster.sessionId,
        name: `official ${i} on node ${i % nodes.length}`,
      }),
  );
  await Promise.all(clients.map(caughtUp));

  // The writers are spread over the three nodes as the clients are; all send at once.
  const ops = await Promise.all(
    clients
      .slice(0, writers)
      .flatMap((client, i) =>
        Array.from({ length: commandsPerWriter }, (_, n) =>
          client.run(postCriticism('item-2', { text: `Point ${n} of official ${i}.` })),
        ),
      ),
  );
  const seqs = ops.map((op) => expectOk(op.answer!).seq);
  expect(new Set(seqs).size).toBe(seqs.length);

  // One command id sent to two nodes by the same participant: applied once, the same answer.
  const twice = officials[writers]!;
  const [onA, onB] = await Promise.all([
    connectClient(nodes[0].url, { token: twice.token }),
    connectClient(nodes[1].url, { token: twice.token }),
  ]);
  const commandId = newCommandId();
  const command = postCriticism('item-2', { text: 'Sent to two nodes with one command id.' });
  const [first, second] = await Promise.all([
    sendCommand(onA, cluster.sessionId, command, commandId),
    sendCommand(onB, cluster.sessionId, command, commandId),
  ]);
  expect(expectOk(first)).toEqual(expectOk(second));

  const log = await readLog(nodes[2].url, officials[0]!.token, cluster.sessionId);
  const head = log.events.at(-1)!.seq;
  expect(log.events.map((e) => e.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
  expect(
    log.events.filter((e) => e.type === 'criticism:posted' && e.payload.text.includes('one command id')),
  ).toHaveLength(1);
  for (const seq of seqs) expect(seq).toBeLessThanOrEqual(head);

  await until(
    () => clients.every((client) => client.lastSeq === head),
    () => lagging(clients, head),
    15_000,
  );
  const folded = JSON.stringify(log.state);
  for (const client of clients) expect(JSON.stringify(client.state)).toBe(folded);
  // Every live event a client applied came in log order: none of them saw a seq twice applied.
  for (const client of clients) {
    const applied = client.received.map((r) => r.event.seq).filter((seq, i, all) => all.indexOf(seq) === i);
    expect([...applied].sort((a, b) => a - b)).toEqual(applied.filter((seq) => seq > 0).sort((a, b) => a - b));
  }
});
