import {
  emptySessionState,
  foldEvents,
  type Ack,
  type SessionEvent,
  type SessionJoinResult,
  type SessionState,
} from '@plenum/shared';
import { connectClient } from '../../helpers/connectClient.js';
import type { FaultClient } from '../../fault/helpers/faultClient.js';

/** Resolves once `predicate` holds, checked every 50 ms; rejects with `describe()` after `timeoutMs`. */
export async function until(
  predicate: () => boolean | Promise<boolean>,
  describe: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await predicate())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Resolves once the client is connected and caught up. A first join can outlast the client's
 * 5 s answer timeout while three nodes seat 90 clients on a loaded machine; the client then
 * waits for a reconnect that never comes, so the catch-up is asked for again (at most 20 times).
 */
export async function caughtUp(client: FaultClient): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.catchUp();
      if (client.socket.connected) return await client.ready();
    } catch (error) {
      if (attempt >= 20) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The whole log of a session as a node serves it, paged from seq 0, and its fold. */
export async function readLog(
  url: string,
  token: string,
  sessionId: string,
): Promise<{ events: SessionEvent[]; state: SessionState }> {
  const socket = await connectClient(url, { token, reconnection: false });
  const events: SessionEvent[] = [];
  try {
    for (;;) {
      const afterSeq = events.at(-1)?.seq ?? 0;
      const answer = (await socket
        .timeout(10_000)
        .emitWithAck('session:join', { sessionId, afterSeq })) as Ack<SessionJoinResult>;
      if (!answer.ok) throw new Error(`join refused: ${answer.error.code}`);
      events.push(...answer.data.events);
      if (!answer.data.hasMore) break;
    }
  } finally {
    socket.disconnect();
  }
  return { events, state: foldEvents(emptySessionState(sessionId), events) };
}

/**
 * Waits until the log a node serves holds the attendance of every one of `participantIds`: a
 * join is answered before its attendance, which a node appends in its next batch.
 */
export async function attended(
  url: string,
  token: string,
  sessionId: string,
  participantIds: readonly string[],
  timeoutMs = 10_000,
): Promise<void> {
  let missing = [...participantIds];
  await until(
    async () => {
      const { state } = await readLog(url, token, sessionId);
      missing = participantIds.filter((id) => !Object.values(state.attendance).some((day) => day[id]?.connectedAt));
      return missing.length === 0;
    },
    () => `no attendance yet for ${missing.join(', ')}`,
    timeoutMs,
  );
}

/** Where a client is: the `seq` it has applied. */
export function lagging(clients: readonly FaultClient[], head: number): string {
  const behind = clients.filter((c) => c.lastSeq !== head).map((c) => c.lastSeq);
  return `${behind.length} clients not at seq ${head}: ${behind.slice(0, 10).join(', ')}`;
}
