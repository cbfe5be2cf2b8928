import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationUnit } from '@plenum/shared';
import { useFormat } from '../../lib/useFormat';
import { preparationHref, type AdminApi } from './adminApi';
import { ConveneForm } from './ConveneForm';
import { latestFirst } from './periods';
import { LoadFailed } from './LoadFailed';
import { useApiData } from './useApiData';

interface SessionsTabProps {
  api: AdminApi;
  token: string;
  organisationId: string;
  /** The register's top unit: the organisation a new session is convened for. */
  topUnit: OrganisationUnit | null;
}

/** The organisation's review sessions, latest first, and the form that convenes a new one. */
export function SessionsTab({ api, token, organisationId, topUnit }: SessionsTabProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const sessions = useApiData(useCallback(() => api.sessions(), [api]));
  const [isConvening, setIsConvening] = useState(false);

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
      <section className="panel" aria-labelledby="admin-sessions-heading">
        <h2 id="admin-sessions-heading" className="panel__heading">
          {t('admin.sessions.heading')}
        </h2>
        {sessions.state === 'loading' && <p className="muted">{t('common.loading')}</p>}
        {sessions.state === 'failed' && <LoadFailed error={sessions.error} onRetry={sessions.reload} />}
        {sessions.state === 'loaded' && sessions.data.length === 0 && (
          <p className="muted">{t('admin.sessions.none')}</p>
        )}
        {sessions.state === 'loaded' && sessions.data.length > 0 && (
          <div className="table-scroll" tabIndex={0}>
            <table className="admin-table" data-testid="admin-sessions">
              <thead>
                <tr>
                  <th scope="col">{t('admin.sessions.title')}</th>
                  <th scope="col">{t('admin.sessions.period')}</th>
                  <th scope="col">{t('admin.sessions.status')}</th>
                  <th scope="col">{t('admin.sessions.dates')}</th>
                  <th scope="col">{t('admin.sessions.items')}</th>
                  <th scope="col">{t('admin.sessions.participants')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('admin.sessions.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {latestFirst(sessions.data).map((session) => (
                  <tr key={session.sessionId} data-testid={`admin-session-${session.sessionId}`}>
                    <th scope="row">
                      {session.title}
                      <span className="muted"> · {session.organisation}</span>
                    </th>
                    <td className="admin-table__nowrap">{session.period}</td>
                    <td>{t(`labels.sessionStatus.${session.status}`)}</td>
                    <td>
                      {session.firstDay === session.lastDay
                        ? format.shortDate(session.firstDay)
                        : t('admin.sessions.dateRange', {
                            first: format.shortDate(session.firstDay),
                            last: format.shortDate(session.lastDay),
                          })}
                    </td>
                    <td className="admin-table__number">{session.items}</td>
                    <td className="admin-table__number">{session.participants}</td>
                    <td>
                      <a href={preparationHref(session.sessionId, token)}>
                        {t('admin.sessions.open')}
                        <span className="visually-hidden">: {session.title}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
