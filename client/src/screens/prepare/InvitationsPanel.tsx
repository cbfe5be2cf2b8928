import type { IssuedLink, Role } from '@plenum/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Panel } from '../../components/Panel';
import { useServerNow } from '../../lib/useServerNow';
import { issuedLinksSelectors, issuedLinksStore, useIssuedLinksStore } from '../../stores/issuedLinks';
import { usePresenceStore } from '../../stores/presence';
import { useSessionStore } from '../../stores/session';
import { invitationsApi } from './invitationsApi';
import { InviteForm } from './InviteForm';
import { IssuedLinks } from './IssuedLinks';
import { ParticipantRow } from './ParticipantRow';
import { invitationStatus } from './participantStatus';
import { PasteInvitations } from './PasteInvitations';

/**
 * Who is invited and where each invitation stands, with the ways to invite more (one, or a
 * pasted list) and to revoke, reissue or change one. The links issued are shown once, and kept
 * (in memory, in a store) until put away: switching to another view and back loses none; those
 * revoked since are no longer shown.
 */
export function InvitationsPanel({ role }: { role: Role }) {
  const { t } = useTranslation();
  const session = useSessionStore((s) => s.session);
  const you = useSessionStore((s) => s.you);
  const online = usePresenceStore((s) => s.online);
  const api = useMemo(() => invitationsApi(session.sessionId), [session.sessionId]);
  const issued = useIssuedLinksStore((s) => issuedLinksSelectors.ofSession(s, session.sessionId));
  // A link of an invitation revoked since no longer works: it is not shown, lest it be sent.
  const links = issued.filter((link) => !session.access[link.participant.id]?.revokedAt);
  const keep = (issued: readonly IssuedLink[]) => issuedLinksStore.getState().add(session.sessionId, issued);
  const participants = Object.values(session.participants);
  // An expiry passing while the list is open shows within a minute.
  const nowMs = useServerNow(60_000);
  if (!you) return null;

  return (
    <Panel heading={t('prepare.invitations.heading')} className="prepare-invitations" testId="prepare-invitations">
      {links.length > 0 && (
        <IssuedLinks
          links={links}
          revoked={issued.length - links.length}
          onDismiss={() => issuedLinksStore.getState().dismiss(session.sessionId)}
        />
      )}
      <InviteForm you={role} api={api} onIssued={keep} />
      <PasteInvitations api={api} onIssued={keep} />
      <div className="table-scroll" tabIndex={0}>
        <table className="prepare-table" data-testid="participants">
          <caption>{t('prepare.invitations.caption', { count: participants.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('prepare.invite.name')}</th>
              <th scope="col">{t('prepare.invite.role')}</th>
              <th scope="col">{t('prepare.invite.unit')}</th>
              <th scope="col">{t('prepare.invitations.status')}</th>
              <th scope="col">{t('prepare.invitations.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {participants.map((participant) => (
              <ParticipantRow
                key={participant.id}
                participant={participant}
                status={invitationStatus(session, participant.id, Object.hasOwn(online, participant.id), nowMs)}
                expiresAt={session.access[participant.id]?.expiresAt ?? null}
                you={you}
                api={api}
                onIssued={keep}
              />
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
