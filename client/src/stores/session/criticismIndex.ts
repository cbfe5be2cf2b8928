import type { CriticismState, SessionState } from '@plenum/shared';

/** The ids of each item's criticisms in posting order, per `criticismOrder` (by identity). */
const indexes = new WeakMap<readonly string[], Map<string, string[]>>();

function idsByItem(state: SessionState): Map<string, string[]> {
  const order = state.criticismOrder;
  let byItem = indexes.get(order);
  if (!byItem) {
    byItem = new Map();
    // Read once: a tracked selector hands in the state behind a proxy that counts each read.
    const criticisms = state.criticisms;
    for (const id of order) {
      const itemId = criticisms[id]!.itemId;
      const ids = byItem.get(itemId);
      if (ids) ids.push(id);
      else byItem.set(itemId, [id]);
    }
    indexes.set(order, byItem);
  }
  return byItem;
}

/**
 * Criticisms raised on one item, newest first, as the shared `criticismsOfItem` gives them, from
 * an index built once per `criticismOrder`: an endorsement, a ruling or a timer event leaves the
 * order as it was, so the list costs the item's criticisms rather than a scan of the session's.
 * An item's criticisms never move to another item, so an order names the same index in every
 * state that holds it. Only for the store's states, which a fold never changes in place.
 */
export function criticismsOfItem(state: SessionState, itemId: string): CriticismState[] {
  const ids = idsByItem(state).get(itemId) ?? [];
  const criticisms = state.criticisms;
  const result = new Array<CriticismState>(ids.length);
  for (let i = 0; i < ids.length; i++) result[i] = criticisms[ids[ids.length - 1 - i]!]!;
  return result;
}
