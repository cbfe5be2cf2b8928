import type { IssuedLink, Role } from '@plenum/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Panel } from '../../components/Panel';
import { useServerNow } from '../../lib/useServerNow';
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
 * pasted list) and to revoke, reissue or change one. The links issued are shown once.
 */
export function InvitationsPanel({ role }: { role: Role }) {
  const { t } = useTranslation();
  const session = useSessionStore((s) => s.session);
  const you = useSessionStore((s) => s.you);
  const online = usePresenceStore((s) => s.online);
  const api = useMemo(() => invitationsApi(session.sessionId), [session.sessionId]);
  const [links, setLinks] = useState<IssuedLink[]>([]);
  const participants = Object.values(session.participants);
  // An expiry passing while the list is open shows within a minute.
  const nowMs = useServerNow(60_000);
  if (!you) return null;

  return (
    <Panel heading={t('prepare.invitations.heading')} className="prepare-invitations" testId="prepare-invitations">
      {links.length > 0 && <IssuedLinks links={links} onDismiss={() => setLinks([])} />}
      <InviteForm you={role} api={api} onIssued={(issued) => setLinks((shown) => [...shown, ...issued])} />
      <PasteInvitations api={api} onIssued={(issued) => setLinks((shown) => [...shown, ...issued])} />
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
              onIssued={(issued) => setLinks((shown) => [...shown, ...issued])}
            />
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
