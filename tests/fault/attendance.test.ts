import { SqliteStore } from '@plenum/server';
import { emptySessionState, foldEvents, type SessionEvent } from '@plenum/shared';
import { expect, test } from 'vitest';
import { connectedIds } from '../helpers/attendance.js';
import { connectClient } from '../helpers/connectClient.js';
import { expectOk, sendJoin } from '../helpers/factories.js';
import { recordEvents } from '../helpers/recordEvents.js';
import { freePort } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitForEvent } from '../helpers/waitForEvent.js';
import { startFaultServer } from './helpers/serverProcess.js';
import { seedWorld } from './helpers/world.js';

/** The sealed log, and the order its participants were invited in. */
async function logIn(file: string, sessionId: string): Promise<{ log: SessionEvent[]; order: string[] }> {
  const store = new SqliteStore(file);
  try {
    const log: SessionEvent[] = [];
    for (;;) {
      const page = await store.read(sessionId, log.at(-1)?.seq ?? 0, 5000);
      if (page.length === 0) break;
      log.push(...page);
    }
    return { log, order: foldEvents(emptySessionState(sessionId), log).participantOrder };
  } finally {
    await store.close();
  }
}

/** The participants whose connection the sealed log records, in log order. */
async function attendanceIn(file: string, sessionId: string): Promise<string[]> {
  const { log, order } = await logIn(file, sessionId);
  return connectedIds(log, order);
}

test('P21: a process killed between a join’s answer and its attendance append loses nothing: the reconnect’s join records it, once', async () => {
  const world = await seedWorld(await tempDir('plenum-attendance-crash-'), []);
  const official = world.byRole('official')[0]!;
  const { order } = await logIn(world.file, world.sessionId);
  const port = await freePort();
  // A window longer than the test: the first life answers the join and can never append.
  const first = await startFaultServer({ dataDir: world.dataDir, port, faults: { attendanceWindowMs: 600_000 } });
  const socket = await connectClient(first.url, { token: official.token });
  const answer = expectOk(await sendJoin(socket, { sessionId: world.sessionId, afterSeq: 0 }));
  const isOwn = (e: SessionEvent) => connectedIds([e], order).includes(official.participant.id);
  expect(answer.events.filter(isOwn)).toEqual([]);

  const dropped = waitForEvent(socket, 'disconnect');
  first.kill('SIGKILL');
  expect((await first.exited).signal).toBe('SIGKILL');
  await dropped;
  // The crash fell between the answer and the append: the log does not hold the connection.
  expect(await attendanceIn(world.file, world.sessionId)).not.toContain(official.participant.id);

  const second = await startFaultServer({ dataDir: world.dataDir, port });
  await waitForEvent(socket, 'connect', undefined, { timeoutMs: 10_000, description: 'the reconnection' });
  const live = recordEvents(socket);
  // As a client does on every (re)connect.
  const again = expectOk(await sendJoin(socket, { sessionId: world.sessionId, afterSeq: answer.headSeq }));
  expect(again.events.filter(isOwn)).toEqual([]);
  await live.waitForSeq(again.headSeq + 1, 10_000);
  expect(live.events.filter(isOwn)).toHaveLength(1);
  socket.disconnect();
  second.kill('SIGTERM');
  expect((await second.exited).code).toBe(0);
  expect((await attendanceIn(world.file, world.sessionId)).filter((id) => id === official.participant.id)).toEqual([
    official.participant.id,
  ]);
});
