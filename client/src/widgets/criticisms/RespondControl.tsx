import { canIssue, Limits, type CriticismState } from '@plenum/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { TextActionForm } from '../../components/TextActionForm';
import { excerpt } from '../../lib/format';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { useSessionStore } from '../../stores/session';

/** The presenter of the criticised unit answers it. */
export function RespondControl({ criticism }: { criticism: CriticismState }) {
  const { t } = useTranslation();
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const sessionStatus = useSessionStore((s) => s.session.status);
  const { run, error, dismissError } = useCommand();
  const [isOpen, setIsOpen] = useState(false);
  const mayRespond = canIssue('presenter', 'criticism:respond', sessionStatus);

  return (
    <div className="criticism__actions">
      {!isOpen && (
        <button
          type="button"
          className="button button--small"
          data-testid={`respond-${criticism.id}`}
          aria-expanded={false}
          disabled={!mayRespond}
          onClick={() => setIsOpen(true)}
        >
          {criticism.response ? t('criticism.respond.again') : t('criticism.respond.open')}
          <span className="visually-hidden">: {excerpt(criticism.text, 60)}</span>
        </button>
      )}
      {isOpen && (
        <TextActionForm
          testId={`respond-form-${criticism.id}`}
          label={t('criticism.respond.label')}
          submitLabel={t('criticism.respond.submit')}
          requiredMessage={t('criticism.respond.missing')}
          rows={3}
          maxLength={Limits.textLength}
          isDisabled={!canSend}
          onCancel={() => setIsOpen(false)}
          onSubmit={async (text) => {
            const ok = await run(
              { type: 'criticism:respond', payload: { criticismId: criticism.id, text } },
              t('criticism.respond.failed'),
            );
            if (ok) setIsOpen(false);
            return ok;
          }}
        />
      )}
      <ErrorNote message={error} onDismiss={dismissError} />
    </div>
  );
}
