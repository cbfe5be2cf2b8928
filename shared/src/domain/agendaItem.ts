import type { AgendaItemStatus } from '../protocol/index.js';

/** Which statuses an item may move to from each status. `closed` and `deferred` are final. */
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

/** True while the item holds the floor (presenting or open for criticism). */
export function isLive(status: AgendaItemStatus): boolean {
  return status === 'presenting' || status === 'floor-open';
}
