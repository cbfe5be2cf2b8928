import type { SessionEvent } from '@plenum/shared';
import type { EventStore } from '../domain/ports.js';

/**
 * The last `entries` full catch-up pages read, by session, `afterSeq` and `limit`. A full page
 * never changes (the log is dense and append-only, P1 and P10), so a repeated identical
 * request is answered from memory instead of reading and parsing the same rows again. Pages
 * shorter than their limit reach the head, which moves: they are never kept.
 */
export class PageCache {
  private readonly pages = new Map<string, SessionEvent[]>();

  constructor(
    private readonly store: Pick<EventStore, 'read'>,
    private readonly entries: number,
  ) {}

  async read(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]> {
    const key = `${sessionId}\u0000${afterSeq}\u0000${limit}`;
    const cached = this.pages.get(key);
    if (cached) {
      // Most recently used last, so that the first key is the one to drop.
      this.pages.delete(key);
      this.pages.set(key, cached);
      return cached;
    }
    const events = await this.store.read(sessionId, afterSeq, limit);
    if (this.entries > 0 && events.length === limit) {
      this.pages.set(key, events);
      if (this.pages.size > this.entries) this.pages.delete(this.pages.keys().next().value!);
    }
    return events;
  }
}
