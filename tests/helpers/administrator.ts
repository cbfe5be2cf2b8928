import { hashToken, newInvitationToken, type InvitationStore } from '@plenum/server';
import type { Participant } from '@plenum/shared';

/**
 * Saves an administrator's invitation for the organisation straight in the store, as the
 * administrator's sign-in does: its stream is the organisation's (`org-<id>`), never a
 * session's. Returns the participant and the token to connect with (naming the session).
 */
export async function saveAdministrator(
  store: InvitationStore,
  organisationId = 'northern-province',
  name = 'Administrator',
): Promise<{ participant: Participant; token: string }> {
  const token = newInvitationToken();
  const participant: Participant = {
    id: `admin-${hashToken(token).slice(0, 12)}`,
    name,
    role: 'administrator',
    unitId: null,
  };
  await store.saveInvitation({
    tokenHash: hashToken(token),
    sessionId: `org-${organisationId}`,
    participant,
    createdAt: new Date().toISOString(),
    expiresAt: null,
    revokedAt: null,
  });
  return { participant, token };
}
