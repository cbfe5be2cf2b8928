import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errorCodeMessage';
import { formatFigure } from '../lib/format';
import { useConnectionStore } from '../stores/connection';
import { useSessionStore } from '../stores/session';
import './ConnectionBadge.css';

interface ConnectionBadgeProps {
  /** Offered as "Try again" when the connection is offline. */
  onReconnect?: () => void;
}

/** Where the link to the server stands, in words (colour only repeats what the text says). */
export function ConnectionBadge({ onReconnect }: ConnectionBadgeProps) {
  const { t } = useTranslation();
  const status = useConnectionStore((s) => s.status);
  const lastError = useConnectionStore((s) => s.lastError);
  const catchUp = useConnectionStore((s) => s.catchUp);
  // Known once the session was joined: a link revoked since then names who gives a new one.
  const role = useSessionStore((s) => s.you?.role ?? null);
  const isFromLastVisit = useSessionStore((s) => s.isFromLastVisit);

  return (
    <div className="connection-badge" data-status={status} data-testid="connection-status">
      <span className="connection-badge__dot" aria-hidden="true" />
      <span role="status" className="connection-badge__text">
        <span className="connection-badge__label">
          {status === 'catching-up' && catchUp
            ? t('connection.catchUpProgress', {
                received: formatFigure(catchUp.received),
                total: formatFigure(catchUp.total),
              })
            : t(`connection.status.${status}`)}
        </span>
        {isFromLastVisit && <span className="connection-badge__detail">{t('connection.lastVisit')}</span>}
        {status !== 'live' && lastError && (
          <span className="connection-badge__detail">
            {lastError.reason ? t(`connection.reason.${lastError.reason}`) : errorMessage(lastError.code, role)}
          </span>
        )}
      </span>
      {status === 'incompatible' && (
        <button type="button" className="button button--small" onClick={() => window.location.reload()}>
          {t('connection.reload')}
        </button>
      )}
      {status === 'offline' && onReconnect && (
        <button type="button" className="button button--small" onClick={onReconnect}>
          {t('connection.tryAgain')}
        </button>
      )}
    </div>
  );
}
