import { Limits, type CriticismRuling, type CriticismState } from '@plenum/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { FormActions } from '../../components/FormActions';
import { InputField } from '../../components/InputField';
import { TextAreaField } from '../../components/TextAreaField';
import { isTooLong } from '../../components/textLength';
import { rulings } from '../../lib/labels';
import { useFocusInvalid } from '../../lib/useFocusInvalid';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';

/** The chair's ruling: upheld, dismissed or referred, with an optional note. */
export function RulingForm({ criticism, onDone }: { criticism: CriticismState; onDone: () => void }) {
  const { t } = useTranslation();
  const formId = useId();
  const { run, error, dismissError, isBusy } = useCommand();
  const { formRef, focusInvalid } = useFocusInvalid();
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
      focusInvalid();
      return;
    }
    setMissing(null);
    // The recipient or the note says beside it how much to shorten: the focus goes there.
    if ((ruling === 'referred' && isTooLong(recipient, Limits.nameLength)) || isTooLong(note, Limits.textLength)) {
      focusInvalid();
      return;
    }
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
    <form
      ref={formRef}
      className="inline-form"
      data-testid={`ruling-form-${criticism.id}`}
      onSubmit={handleSubmit}
      noValidate
    >
      <fieldset className="choice-group">
        <legend>{t('criticism.rule.legend')}</legend>
        {rulings.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={`${formId}-ruling`}
              value={value}
              checked={ruling === value}
              onChange={() => {
                setRuling(value);
                setMissing(null);
              }}
            />
            {t(`labels.ruling.${value}`)}
          </label>
        ))}
      </fieldset>
      {ruling === 'referred' && (
        <InputField
          label={t('criticism.rule.referredTo')}
          testId={`ruling-referred-to-${criticism.id}`}
          maxLength={Limits.nameLength}
          value={referredTo}
          onChange={(value) => {
            setReferredTo(value);
            setMissing(null);
          }}
          error={missing ?? undefined}
        />
      )}
      <TextAreaField
        label={t('criticism.rule.note')}
        rows={2}
        maxLength={Limits.textLength}
        value={note}
        onChange={setNote}
      />
      {/* The missing recipient is said under its own field above: in this note, after the
          rulings and with its close button, it read as if it dismissed the criticism. */}
      <ErrorNote message={error} onDismiss={dismissError} />
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
