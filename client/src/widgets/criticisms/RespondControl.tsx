import { canIssue, Limits, type CriticismState } from '@plenum/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { TextActionForm } from '../../components/TextActionForm';
import { excerpt } from '../../lib/format';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { useSessionStore } from '../../stores/session';
import { clearSentResponseDraft, loadResponseDraft, saveResponseDraft, type ResponseDraftPlace } from './responseDraft';

/**
 * The presenter of the criticised unit answers it. What is typed is kept on this device per
 * participant, session and criticism until it is sent, so neither Cancel nor a reload loses a
 * half-written answer.
 */
export function RespondControl({ criticism }: { criticism: CriticismState }) {
  const { t } = useTranslation();
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const sessionStatus = useSessionStore((s) => s.session.status);
  const sessionId = useSessionStore((s) => s.session.sessionId);
  const participantId = useSessionStore((s) => s.you?.id ?? '');
  const place: ResponseDraftPlace = { sessionId, participantId, criticismId: criticism.id };
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
          initialText={loadResponseDraft(place)}
          onTextChange={(text) => saveResponseDraft(place, text)}
          onCancel={() => setIsOpen(false)}
          onSubmit={async (text) => {
            const ok = await run(
              { type: 'criticism:respond', payload: { criticismId: criticism.id, text } },
              t('criticism.respond.failed'),
            );
            if (ok) {
              clearSentResponseDraft(place, text);
              setIsOpen(false);
            }
            return ok;
          }}
        />
      )}
      <ErrorNote message={error} onDismiss={dismissError} />
    </div>
  );
}
