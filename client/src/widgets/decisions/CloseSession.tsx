import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { pendingSelectors, usePendingStore } from '../../stores/pending';
import { decisionSelectors, useSessionState, useSessionStore } from '../../stores/session';

/** Closing the session, once nothing is on the floor and every proposed warning is decided. */
export function CloseSession() {
  const { t } = useTranslation();
  const headingId = useId();
  const pendingById = usePendingStore((s) => s.byId);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError } = useCommand();
  const [isConfirming, setIsConfirming] = useState(false);
  const blocker = useSessionState(decisionSelectors.closeSessionBlocker);
  const isClosed = useSessionStore((s) => s.session.status === 'closed');
  const isBusy = pendingSelectors.isFloorBusy(pendingById);

  if (isClosed) {
    return (
      <section className="panel" aria-labelledby={headingId}>
        <h2 id={headingId} className="panel__heading">
          {t('decisions.close.heading')}
        </h2>
        <p data-testid="session-closed">{t('decisions.close.closed')}</p>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__heading">
        {t('decisions.close.heading')}
      </h2>
      <p className="muted">{blocker ? t(`decisions.close.blocker.${blocker}`) : t('decisions.close.ready')}</p>
      <ErrorNote message={error} onDismiss={dismissError} />
      {!isConfirming ? (
        <button
          type="button"
          className="button button--danger"
          data-testid="close-session"
          disabled={blocker !== null || !canSend || isBusy}
          onClick={() => setIsConfirming(true)}
        >
          {t('decisions.close.action')}
        </button>
      ) : (
        <div className="button-row" role="group" aria-label={t('decisions.close.confirmGroup')}>
          <button
            type="button"
            className="button button--danger"
            data-testid="close-session-confirm"
            disabled={blocker !== null || !canSend || isBusy}
            onClick={() =>
              void run({ type: 'session:close', payload: {} }, t('agenda.failed.closeSession')).then(() =>
                setIsConfirming(false),
              )
            }
          >
            {t('decisions.close.confirm')}
          </button>
          <button type="button" className="button" onClick={() => setIsConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
