import type { SessionEvent } from '@plenum/shared';

/**
 * The participants whose first connection the server's events record (P21), on `dayId` when
 * given, in log order. Only `attendance:batch-connected`: the server writes no other kind.
 */
export function connectedIds(events: readonly SessionEvent[], dayId?: string): string[] {
  return events.flatMap((e) =>
    e.type === 'attendance:batch-connected' && (dayId === undefined || e.payload.dayId === dayId)
      ? e.payload.participants.map(([participantId]) => participantId)
      : [],
  );
}
