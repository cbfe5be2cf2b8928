import type { AgendaItemStatus } from '../protocol/index.js';

/**
 * Which statuses an item may move to from each status by the floor actions. `closed` and
 * `deferred` are final for them; only the chair's reopening brings a closed item back (see
 * {@link reopenedStatus}).
 */
export const agendaTransitions: Record<AgendaItemStatus, readonly AgendaItemStatus[]> = {
  pending: ['presenting', 'deferred'],
  presenting: ['floor-open', 'closed', 'deferred'],
  'floor-open': ['closed', 'deferred'],
  closed: [],
  deferred: [],
};

/** True when an item in `from` may move to `to`. */
export function canTransition(from: AgendaItemStatus, to: AgendaItemStatus): boolean {
  return agendaTransitions[from].includes(to);
}

/** True once an item in `status` is over: closed, or deferred to a later day. */
export function isItemOver(status: AgendaItemStatus): boolean {
  return status === 'closed' || status === 'deferred';
}

/** True while an item in `status` holds the floor (presenting or open for criticism). */
export function isItemLive(status: AgendaItemStatus): boolean {
  return status === 'presenting' || status === 'floor-open';
}

/**
 * The status a reopened item returns to: where it stood when it was closed (open for criticism
 * when the floor had been opened, otherwise presenting), or null when it cannot be reopened.
 * Only a closed item can: a deferred one lives on as the item carried over to the later day.
 */
export function reopenedStatus(item: {
  status: AgendaItemStatus;
  floorOpenedAt: string | null;
}): AgendaItemStatus | null {
  if (item.status !== 'closed') return null;
  return item.floorOpenedAt === null ? 'presenting' : 'floor-open';
}
