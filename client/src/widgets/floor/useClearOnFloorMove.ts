import { openDayId, type SessionState } from '@plenum/shared';
import { useState } from 'react';
import { useSessionState } from '../../stores/session';

/** Where the floor stands: the current item, its status and the open day. */
function floorPosition(state: SessionState): string {
  const current = state.currentItemId === null ? undefined : state.agenda[state.currentItemId];
  return [current?.id, current?.status, openDayId(state)].join('|');
}

/**
 * Calls `clear` once the floor moves on (the current item, its status or the open day changes):
 * a refusal said why the floor could not move as it stood, and reads as wrong once it stands
 * elsewhere. Other events (a criticism posted, a hand raised) leave it.
 */
export function useClearOnFloorMove(clear: () => void): void {
  const floor = useSessionState(floorPosition);
  const [floorSeen, setFloorSeen] = useState(floor);
  // Adjusted while rendering, so no stale frame shows.
  if (floor !== floorSeen) {
    setFloorSeen(floor);
    clear();
  }
}
