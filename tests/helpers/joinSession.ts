import type { Participant, SessionEvent, SessionJoinResult } from '@plenum/shared';
import type { ClientSocket } from './connectClient.js';
import { expectOk, sendJoin } from './factories.js';
import { recordEvents } from './recordEvents.js';

/** Everything a client learns by paging through a session's log. */
export interface JoinedLog {
  /** Every event after `afterSeq`, in the order the pages gave them. */
  events: SessionEvent[];
  /** Each page as the server answered it. */
  pages: SessionJoinResult[];
  epoch: string;
  /** `headSeq` of the last page. */
  headSeq: number;
  you: Participant;
}

/**
 * Joins a session and pages through its log (P4): `session:join` with `afterSeq`, then again
 * from the last `seq` received while the answer says `hasMore`. Throws on a refused join.
 * @example
 * const { events, headSeq } = await joinSession(chair, server.sessionId, { afterSeq: 0, limit: 5 });
 */
export async function joinSession(
  socket: ClientSocket,
  sessionId: string,
  options: { afterSeq?: number; limit?: number; maxPages?: number } = {},
): Promise<JoinedLog> {
  const maxPages = options.maxPages ?? 1000;
  const pages: SessionJoinResult[] = [];
  const events: SessionEvent[] = [];
  let afterSeq = options.afterSeq ?? 0;
  for (;;) {
    const request =
      options.limit === undefined ? { sessionId, afterSeq } : { sessionId, afterSeq, limit: options.limit };
    const page = expectOk(await sendJoin(socket, request));
    pages.push(page);
    events.push(...page.events);
    if (!page.hasMore) break;
    const last = page.events.at(-1);
    if (!last) throw new Error(`session:join after ${afterSeq} said hasMore but returned no event`);
    if (pages.length >= maxPages) throw new Error(`session:join still had more after ${maxPages} pages`);
    afterSeq = last.seq;
  }
  const last = pages.at(-1)!;
  return { events, pages, epoch: last.epoch, headSeq: last.headSeq, you: last.you };
}

/**
 * Joins as {@link joinSession} does, then waits until the client has heard the log up to the
 * head its join left: a join is answered before its attendance is appended (P21), and that
 * event reaches the client live afterwards. `headSeq` is that head. For tests that record what
 * a client hears from some point on and must not take the attendance for it.
 */
export async function joinSettled(
  server: { sessionId: string; head(): Promise<number> },
  socket: ClientSocket,
  options: { afterSeq?: number; limit?: number } = {},
): Promise<JoinedLog> {
  const live = recordEvents(socket);
  try {
    const log = await joinSession(socket, server.sessionId, options);
    // The test server's head waits for the attendance of every join answered so far.
    const head = await server.head();
    if (head > log.headSeq) await live.waitForSeq(head);
    return { ...log, headSeq: head };
  } finally {
    live.stop();
  }
}
