import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { useRealtime } from '../realtime/RealtimeContext';
import { useSessionStore } from '../stores/session';
import { ConnectionBadge } from './ConnectionBadge';
import { NotificationBell } from '../notifications/NotificationBell';
import './SessionHeader.css';

/** Title of the review session, who you are in it, the language and the connection badge. */
export function SessionHeader() {
  const { t } = useTranslation();
  const { reconnect } = useRealtime();
  const definition = useSessionStore((s) => s.session.definition);
  const status = useSessionStore((s) => s.session.status);
  const you = useSessionStore((s) => s.you);

  return (
    <header className="session-header">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <div className="session-header__title">
        <h1>{definition?.title ?? t('session.untitled')}</h1>
        {definition && (
          <p className="muted">
            {t('session.subtitle', { organisation: definition.organisation, period: definition.period })}
            {' · '}
            <span data-testid="session-status">{t(`labels.sessionStatus.${status}`)}</span>
            {/* A closed session's call is over. */}
            {definition.conferenceLink && status !== 'closed' && (
              <>
                {' · '}
                <a href={definition.conferenceLink} target="_blank" rel="noreferrer noopener">
                  {t('session.joinCall')}
                </a>
              </>
            )}
          </p>
        )}
      </div>
      <div className="session-header__side">
        {you && (
          <p className="session-header__you">
            <span className="session-header__name" title={you.name}>
              {you.name}
            </span>
            <span aria-hidden="true"> · </span>
            <span className="tag">{t(`labels.role.${you.role}`)}</span>
          </p>
        )}
        <NotificationBell />
        <LanguageSwitch />
        <ConnectionBadge onReconnect={reconnect} />
      </div>
    </header>
  );
}
