import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/FormActions';

/** A day as the preparer edits it; times are `HH:MM` or empty. */
export interface DayFields {
  date: string;
  title: string;
  startTime: string;
  plannedEnd: string;
}

/** A day's hours as the commands carry them: an empty time is none. */
export const dayHours = ({ startTime, plannedEnd }: DayFields) => ({
  startTime: startTime || null,
  plannedEnd: plannedEnd || null,
});

interface DayFormProps {
  initial: DayFields;
  submitLabel: string;
  /** Nothing can be changed (the day has opened, or the role may not). */
  isLocked: boolean;
  /** Resolves true when the server took every change. */
  onSubmit: (fields: DayFields) => Promise<boolean>;
  onCancel?: () => void;
  testId: string;
}

/** A day's date, theme, start time and planned end. */
export function DayForm({ initial, submitLabel, isLocked, onSubmit, onCancel, testId }: DayFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [fields, setFields] = useState(initial);
  const [isBusy, setIsBusy] = useState(false);
  const isChanged = (Object.keys(fields) as (keyof DayFields)[]).some((key) => fields[key] !== initial[key]);
  const set = (key: keyof DayFields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setIsBusy(true);
    void onSubmit({ ...fields, title: fields.title.trim() }).finally(() => setIsBusy(false));
  };

  const field = (key: keyof DayFields, type: string, required: boolean) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`prepare.day.${key}`)}</label>
      <input
        id={`${id}-${key}`}
        type={type}
        required={required}
        disabled={isLocked}
        value={fields[key]}
        onChange={(e) => set(key)(e.target.value)}
      />
    </div>
  );

  return (
    <form className="prepare-day-form" data-testid={testId} onSubmit={handleSubmit}>
      <div className="field-row">
        {field('date', 'date', true)}
        {field('title', 'text', true)}
        {field('startTime', 'time', false)}
        {field('plannedEnd', 'time', false)}
      </div>
      {!isLocked && (
        <div className="button-row">
          <FormActions
            submitLabel={submitLabel}
            isDisabled={isBusy || !isChanged || !fields.date || !fields.title.trim()}
            onCancel={onCancel}
            testId={`${testId}-submit`}
          />
        </div>
      )}
    </form>
  );
}
