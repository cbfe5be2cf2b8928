import type { SessionState } from '@plenum/shared';
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmationDialog } from '../../components/ConfirmDialog';
import { ErrorNote } from '../../components/ErrorNote';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { pendingSelectors, usePendingStore } from '../../stores/pending';
import { decisionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { closeSessionConfirmation } from './closeSessionConfirmation';

/**
 * Closing the session, once nothing is on the floor and every proposed warning is decided; the
 * chair confirms it having read what it cuts off, as it cannot be undone.
 */
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
      <button
        type="button"
        className="button button--danger"
        data-testid="close-session"
        disabled={blocker !== null || !canSend || isBusy}
        onClick={() => setIsConfirming(true)}
      >
        {t('decisions.close.action')}
      </button>
      {isConfirming && (
        <CloseSessionDialog
          onCancel={() => setIsConfirming(false)}
          onConfirm={() => {
            setIsConfirming(false);
            void run({ type: 'session:close', payload: {} }, t('agenda.failed.closeSession'));
          }}
        />
      )}
    </section>
  );
}

const confirmationOf = (state: SessionState, t: TFunction) => closeSessionConfirmation(t, state);

/** The question before closing, read from the state only while it is asked (it walks every criticism). */
function CloseSessionDialog({ onConfirm, onCancel }: { onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const confirmation = useSessionState(confirmationOf, t);
  return (
    <ConfirmationDialog text={confirmation} testId="confirm-close-session" onCancel={onCancel} onConfirm={onConfirm} />
  );
}
