import type { ChangeParticipantBody, Invitee, InviteePreview, IssuedLink } from '@plenum/shared';
import { apiRequest } from '../../api/request';
import { inviteTokenKey } from '../../app/inviteToken';

/** How the preparation words a refused call: an invite link, the refused fields named in the sentence. */
export const invitationWording = { link: 'invite', withIssues: true } as const;

/**
 * The invitation endpoints of one session, called with this tab's token (the chair's invite
 * token, or the administrator's, as the session route kept it). Each throws `ApiError` when refused.
 */
export function invitationsApi(sessionId: string) {
  const base = `/api/sessions/${encodeURIComponent(sessionId)}`;
  const token = () => {
    try {
      return window.sessionStorage.getItem(inviteTokenKey(sessionId)) ?? '';
    } catch {
      return '';
    }
  };
  const participant = (participantId: string) => `${base}/participants/${encodeURIComponent(participantId)}`;
  return {
    /** Reads a pasted list (`name, role, unit, email` per line) without inviting anyone. */
    preview: (text: string) =>
      apiRequest<InviteePreview>(`${base}/invitations/preview`, { method: 'POST', token: token(), body: text }),
    /** Invites everyone on a pasted list, all or nothing; the links are answered once. */
    inviteList: async (text: string) =>
      (
        await apiRequest<{ invitations: IssuedLink[] }>(`${base}/invitations`, {
          method: 'POST',
          token: token(),
          body: text,
        })
      ).invitations,
    /** Invites one person; the link is answered once. */
    inviteOne: (invitee: Invitee) =>
      apiRequest<IssuedLink>(`${base}/invitations`, { method: 'POST', token: token(), body: invitee }),
    revoke: (participantId: string) =>
      apiRequest<unknown>(`${participant(participantId)}/revoke`, { method: 'POST', token: token() }),
    /** A new link for the participant; the old one stops working. */
    reissue: (participantId: string) =>
      apiRequest<IssuedLink>(`${participant(participantId)}/reissue`, { method: 'POST', token: token() }),
    change: (participantId: string, body: ChangeParticipantBody) =>
      apiRequest<unknown>(participant(participantId), { method: 'PATCH', token: token(), body }),
  };
}

export type InvitationsApi = ReturnType<typeof invitationsApi>;
