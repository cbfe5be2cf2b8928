import type { Participant, SessionEvent, SessionJoinResult } from '@plenum/shared';
import type { ClientSocket } from './connectClient.js';
import { expectOk, sendJoin } from './factories.js';

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
