import { expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { connectedIds } from '../helpers/attendance.js';
import { connectClient } from '../helpers/connectClient.js';
import { recordEvents } from '../helpers/recordEvents.js';
import { watchPresence } from '../helpers/watchPresence.js';
import { waitForEvent } from '../helpers/waitForEvent.js';
import { seedCluster } from './helpers/cluster.js';
import { readLog } from './helpers/converge.js';

test('P8 P21 presence, attendance and revocation across three nodes: the chair sees the whole room, a participant on two nodes stays present when one socket closes, a revocation on A disconnects the sockets on B and C', async () => {
  const cluster = await seedCluster([{ role: 'official', count: 4 }]);
  const [a, b, c] = await Promise.all([cluster.startNode(), cluster.startNode(), cluster.startNode()]);
  const chair = cluster.byRole('chair')[0]!;
  const [x, y, z, w] = cluster.byRole('official').slice(-4);
  const { sessionId } = cluster;

  const chairView = watchPresence(await connectClient(a.url, { token: chair.token }));
  const heard = recordEvents(chairView.socket);
  await chairView.join(sessionId);

  // x is connected to C only.
  await watchPresence(await connectClient(c.url, { token: x!.token })).join(sessionId);
  await chairView.until((view) => view.online.has(x!.participant.id), 'x (on C) online on A', 10_000);

  // y has a socket on A and one on B; the one on B closes.
  const yOnA = watchPresence(await connectClient(a.url, { token: y!.token }));
  const yOnB = watchPresence(await connectClient(b.url, { token: y!.token }));
  await Promise.all([yOnA.join(sessionId), yOnB.join(sessionId)]);
  await chairView.until((view) => view.online.has(y!.participant.id), 'y online on A', 10_000);
  yOnB.socket.disconnect();
  // A marker after the close: once z (joining on B after it) shows on A, B has shared its list
  // without y, and A still shows y, whose socket there is open.
  await watchPresence(await connectClient(b.url, { token: z!.token })).join(sessionId);
  await chairView.until((view) => view.online.has(z!.participant.id), 'z (on B) online on A', 10_000);
  expect(chairView.online.has(y!.participant.id)).toBe(true);
  expect(chairView.messages.flatMap((change) => change.left)).not.toContain(y!.participant.id);

  // A chair joining later on B gets the whole room in its join answer.
  const lateChair = watchPresence(await connectClient(b.url, { token: chair.token }));
  await lateChair.join(sessionId);
  await lateChair.until(
    (view) => [chair, x, y, z].every((m) => view.online.has(m!.participant.id)),
    'the whole room on B',
    10_000,
  );

  // Each join's attendance is appended after its answer (P21), and broadcast to the room: once
  // the chair has heard all four, the log holds them.
  const order = (await readLog(a.url, chair.token, sessionId)).state.participantOrder;
  const attended = (id: string) => connectedIds(heard.events, order).includes(id);
  while (![chair, x, y, z].every((m) => attended(m!.participant.id))) {
    await waitForEvent(chairView.socket, 'session:events', undefined, { timeoutMs: 10_000 });
  }
  // Attendance is in the log: the same from every node, each participant once.
  const attendance = await Promise.all(
    [a, b, c].map(async (node) => {
      const { events } = await readLog(node.url, chair.token, sessionId);
      return connectedIds(events, order);
    }),
  );
  expect(attendance[1]).toEqual(attendance[0]);
  expect(attendance[2]).toEqual(attendance[0]);
  expect(new Set(attendance[0]).size).toBe(attendance[0]!.length);
  for (const member of [chair, x, y, z]) expect(attendance[0]).toContain(member!.participant.id);

  // w has sockets on B and C; the chair revokes w through A.
  const wOnB = await connectClient(b.url, { token: w!.token, reconnection: false });
  const wOnC = await connectClient(c.url, { token: w!.token, reconnection: false });
  const endedOnB = waitForEvent(wOnB, 'session:access-ended', undefined, { timeoutMs: 10_000 });
  const endedOnC = waitForEvent(wOnC, 'session:access-ended', undefined, { timeoutMs: 10_000 });
  const closedOnB = waitForEvent(wOnB, 'disconnect', undefined, { timeoutMs: 10_000 });
  const closedOnC = waitForEvent(wOnC, 'disconnect', undefined, { timeoutMs: 10_000 });
  dataOf(
    await api(a.url, `/api/sessions/${sessionId}/participants/${w!.participant.id}/revoke`, {
      method: 'POST',
      token: chair.token,
    }),
  );
  expect(await endedOnB).toEqual({ reason: 'revoked' });
  expect(await endedOnC).toEqual({ reason: 'revoked' });
  await Promise.all([closedOnB, closedOnC]);
});
