import { criticismBucket, type CriticismState, type SessionState } from '@plenum/shared';

type Buckets = SessionState['criticisms']['buckets'];

/** Per page of the posting order (by identity): the ids of each item's criticisms on it, in order. */
const indexes = new WeakMap<readonly string[], Map<string, string[]>>();

function pageIndex(page: readonly string[], buckets: Buckets): Map<string, string[]> {
  let byItem = indexes.get(page);
  if (!byItem) {
    byItem = new Map();
    for (const id of page) {
      const itemId = buckets[criticismBucket(id)]![id]!.itemId;
      const ids = byItem.get(itemId);
      if (ids) ids.push(id);
      else byItem.set(itemId, [id]);
    }
    indexes.set(page, byItem);
  }
  return byItem;
}

/**
 * Criticisms raised on one item, newest first, as the shared `criticismsOfItem` gives them, from
 * an index of each page of the posting order. A fold leaves a page it did not change the same
 * object, so a post indexes the last page again (at most 256 ids) and an endorsement, a ruling or
 * a timer event nothing: the list costs the pages and the item's criticisms rather than a scan of
 * the session's. An item's criticisms never move to another item, so a page names the same index
 * in every state that holds it. Only for the store's states, which a fold never changes in place.
 */
export function criticismsOfItem(state: SessionState, itemId: string): CriticismState[] {
  // Read once: a tracked selector hands in the state behind a proxy that counts each read.
  const { buckets, pages } = state.criticisms;
  const result: CriticismState[] = [];
  for (let page = pages.length - 1; page >= 0; page--) {
    const ids = pageIndex(pages[page]!, buckets).get(itemId);
    if (!ids) continue;
    for (let i = ids.length - 1; i >= 0; i--) result.push(buckets[criticismBucket(ids[i]!)]![ids[i]!]!);
  }
  return result;
}
