import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationUnit, SessionSummary } from '@plenum/shared';
import { useFormat } from '../../lib/useFormat';
import { preparationHref, type AdminApi } from './adminApi';
import { ConveneForm } from './ConveneForm';
import { FollowUpForm } from './FollowUpForm';
import { latestFirst } from './periods';
import { AdminTable } from './AdminTable';
import { useApiData } from '../../lib/useApiData';

interface SessionsTabProps {
  api: AdminApi;
  token: string;
  organisationId: string;
  /** The register's top unit: the organisation a new session is convened for. */
  topUnit: OrganisationUnit | null;
}

/**
 * The organisation's review sessions, latest first, the form that convenes a new one, and on
 * each closed review the step that convenes a level's follow-up of it.
 */
export function SessionsTab({ api, token, organisationId, topUnit }: SessionsTabProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const sessions = useApiData(useCallback(() => api.sessions(), [api]));
  const [isConvening, setIsConvening] = useState(false);
  const [followingUp, setFollowingUp] = useState<SessionSummary | null>(null);
  const columns = [
    t('admin.sessions.title'),
    t('admin.sessions.period'),
    t('admin.sessions.status'),
    t('admin.sessions.dates'),
    t('admin.sessions.items'),
    t('admin.sessions.participants'),
  ];

  return (
    <>
      {sessions.state === 'loaded' && (
        <ConveneForm
          api={api}
          token={token}
          organisationId={organisationId}
          topUnit={topUnit}
          sessions={sessions.data}
          isOpen={isConvening}
          onOpen={() => setIsConvening(true)}
          onClose={() => setIsConvening(false)}
          onConvened={sessions.reload}
        />
      )}
      {followingUp && (
        <FollowUpForm
          key={followingUp.sessionId}
          api={api}
          token={token}
          session={followingUp}
          onClose={() => setFollowingUp(null)}
          onConvened={sessions.reload}
        />
      )}
      <section className="panel" aria-labelledby="admin-sessions-heading">
        <h2 id="admin-sessions-heading" className="panel__heading">
          {t('admin.sessions.heading')}
        </h2>
        <AdminTable
          data={sessions}
          headers={columns}
          hasActions
          none={t('admin.sessions.none')}
          testId="admin-sessions"
        >
          {(rows) =>
            latestFirst(rows).map((session) => (
              <tr key={session.sessionId} data-testid={`admin-session-${session.sessionId}`}>
                <th scope="row">
                  {session.title}
                  <span className="muted"> · {session.organisation}</span>
                </th>
                <td className="admin-table__nowrap" data-label={columns[1]}>
                  {session.period}
                </td>
                <td data-label={columns[2]}>{t(`labels.sessionStatus.${session.status}`)}</td>
                <td data-label={columns[3]}>
                  {session.firstDay === session.lastDay
                    ? format.shortDate(session.firstDay)
                    : t('admin.sessions.dateRange', {
                        first: format.shortDate(session.firstDay),
                        last: format.shortDate(session.lastDay),
                      })}
                </td>
                <td className="admin-table__number" data-label={columns[4]}>
                  {session.items}
                </td>
                <td className="admin-table__number" data-label={columns[5]}>
                  {session.participants}
                </td>
                <td>
                  <a href={preparationHref(session.sessionId, token)}>
                    {t(
                      session.status === 'closed'
                        ? 'admin.sessions.openRecord'
                        : session.status === 'in-session'
                          ? 'admin.sessions.openInSession'
                          : 'admin.sessions.open',
                    )}
                    <span className="visually-hidden">: {session.title}</span>
                  </a>
                  {session.status === 'closed' && (
                    <button
                      type="button"
                      className="button button--small"
                      data-testid={`follow-up-open-${session.sessionId}`}
                      onClick={() => setFollowingUp(session)}
                    >
                      {t('admin.followUp.followUp')}
                      <span className="visually-hidden">: {session.title}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))
          }
        </AdminTable>
      </section>
    </>
  );
}
