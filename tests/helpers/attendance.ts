import { participantOfRef, type SessionEvent } from '@plenum/shared';

/**
 * The participants whose first connection the server's events record (P21), on `dayId` when
 * given, in log order. Only `attendance:batch-connected`: the server writes no other kind. An
 * entry names its participant by their place in `order` (the session state's `participantOrder`).
 */
export function connectedIds(events: readonly SessionEvent[], order: readonly string[], dayId?: string): string[] {
  return events.flatMap((e) =>
    e.type === 'attendance:batch-connected' && (dayId === undefined || e.payload.dayId === dayId)
      ? e.payload.participants.map(([ref]) => participantOfRef(order, ref) ?? `unknown place ${ref}`)
      : [],
  );
}
