import { Limits, type CriticismRuling, type CriticismState } from '@plenum/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { FormActions } from '../../components/FormActions';
import { TextAreaField } from '../../components/TextAreaField';
import { rulings } from '../../lib/labels';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';

/** The chair's ruling: upheld, dismissed or referred, with an optional note. */
export function RulingForm({ criticism, onDone }: { criticism: CriticismState; onDone: () => void }) {
  const { t } = useTranslation();
  const formId = useId();
  const { run, error, dismissError, isBusy } = useCommand();
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const [ruling, setRuling] = useState<CriticismRuling>(criticism.ruling?.ruling ?? 'upheld');
  const [note, setNote] = useState(criticism.ruling?.note ?? '');
  const [referredTo, setReferredTo] = useState(criticism.ruling?.referredTo ?? '');
  const [missing, setMissing] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const recipient = referredTo.trim();
    if (ruling === 'referred' && !recipient) {
      setMissing(t('criticism.rule.referredToMissing'));
      return;
    }
    setMissing(null);
    void run(
      {
        type: 'criticism:rule',
        payload: {
          criticismId: criticism.id,
          ruling,
          note: note.trim() || null,
          referredTo: ruling === 'referred' ? recipient : null,
        },
      },
      t('criticism.rule.failed'),
    ).then((ok) => {
      if (ok) onDone();
    });
  };

  return (
    <form className="inline-form" data-testid={`ruling-form-${criticism.id}`} onSubmit={handleSubmit}>
      <fieldset className="choice-group">
        <legend>{t('criticism.rule.legend')}</legend>
        {rulings.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={`${formId}-ruling`}
              value={value}
              checked={ruling === value}
              onChange={() => setRuling(value)}
            />
            {t(`labels.ruling.${value}`)}
          </label>
        ))}
      </fieldset>
      {ruling === 'referred' && (
        <div className="field">
          <label htmlFor={`${formId}-referred-to`}>{t('criticism.rule.referredTo')}</label>
          <input
            id={`${formId}-referred-to`}
            data-testid={`ruling-referred-to-${criticism.id}`}
            maxLength={Limits.nameLength}
            value={referredTo}
            onChange={(e) => setReferredTo(e.target.value)}
            aria-invalid={missing !== null}
          />
        </div>
      )}
      <TextAreaField
        label={t('criticism.rule.note')}
        rows={2}
        maxLength={Limits.textLength}
        value={note}
        onChange={setNote}
      />
      <ErrorNote message={missing ?? error} onDismiss={missing ? () => setMissing(null) : dismissError} />
      <div className="button-row">
        <FormActions
          submitLabel={t('criticism.rule.submit')}
          isDisabled={!canSend || isBusy}
          onCancel={onDone}
          testId={`ruling-submit-${criticism.id}`}
        />
      </div>
    </form>
  );
}
