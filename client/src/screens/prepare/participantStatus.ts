import type { SessionState } from '@plenum/shared';

/** Where an invitation stands, as the invitations list shows it. */
export type InvitationStatus = 'invited' | 'joined' | 'never-came' | 'revoked' | 'expired';

/**
 * A participant's standing: revoked, expired (past its expiry), joined (connected on any day,
 * or online now), never came (every day adjourned and never connected), else invited.
 */
export function invitationStatus(
  state: SessionState,
  participantId: string,
  isOnline: boolean,
  nowMs: number,
): InvitationStatus {
  const access = state.access[participantId];
  if (access?.revokedAt) return 'revoked';
  if (access?.expiresAt && Date.parse(access.expiresAt) <= nowMs) return 'expired';
  const hasConnected = Object.values(state.attendance).some((byParticipant) =>
    Boolean(byParticipant[participantId]?.connectedAt),
  );
  if (hasConnected || isOnline) return 'joined';
  const days = Object.values(state.days);
  if (days.length > 0 && days.every((day) => day.status === 'adjourned')) return 'never-came';
  return 'invited';
}
