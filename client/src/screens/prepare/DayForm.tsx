import { commandPayloads } from '@plenum/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { InputField } from '../../components/InputField';
import { checkDays, type DayFieldValues, type FieldErrors } from '../../lib/fieldChecks';
import { FormFooter } from '../../components/FormFooter';
import { schemaIssuesByField } from '../../lib/schemaIssues';
import { usePrepareFormCheck, type FormCommand } from './usePrepareFormCheck';

/** A day as the preparer edits it; times are `HH:MM` or empty. */
export type DayFields = DayFieldValues;

/** A day's hours as the commands carry them: an empty time is none. */
export const dayHours = ({ startTime, plannedEnd }: DayFields) => ({
  startTime: startTime || null,
  plannedEnd: plannedEnd || null,
});

const dayFieldKeys = ['date', 'title', 'startTime', 'plannedEnd'] as const;

/**
 * What is wrong with a day, field by field: a missing date or theme and an end not after the
 * start as the convene form says them, a date `checkDate` refuses, then the command's own schema
 * (e.g. a theme too long).
 */
function checkDay(fields: DayFields, checkDate?: (date: string) => string | null): FieldErrors {
  const asFirstDay: FieldErrors = {};
  checkDays([fields], asFirstDay);
  const errors = Object.fromEntries(
    Object.entries(asFirstDay).map(([key, message]) => [key.replace(/^days\.0\./, ''), message]),
  );
  const dateError = errors.date === undefined ? (checkDate?.(fields.date) ?? null) : null;
  if (dateError !== null) errors.date = dateError;
  const parsed = commandPayloads['day:add'].safeParse({ ...fields, ...dayHours(fields) });
  if (!parsed.success) {
    for (const [key, message] of Object.entries(schemaIssuesByField(parsed.error.issues))) errors[key] ??= message;
  }
  return errors;
}

interface DayFormProps {
  initial: DayFields;
  submitLabel: string;
  /** Nothing can be changed (the day has opened, or the role may not). */
  isLocked: boolean;
  /** The command state the form's sends go through: a refusal marks the fields it names. */
  command: FormCommand;
  /** Resolves true when the server took every change. */
  onSubmit: (fields: DayFields) => Promise<boolean>;
  onCancel?: () => void;
  /** What stands in the way of a date, in words, or null when it may be sent. */
  checkDate?: (date: string) => string | null;
  testId: string;
}

/** A day's date, theme, start time and planned end. */
export function DayForm(props: DayFormProps) {
  const { initial, submitLabel, isLocked, command, onSubmit, onCancel, checkDate, testId } = props;
  const { t } = useTranslation();
  const [fields, setFields] = useState(initial);
  const [isBusy, setIsBusy] = useState(false);
  const { formRef, errorOf, refusal, dismiss, maySend, sent } = usePrepareFormCheck(dayFieldKeys, command);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const day = { ...fields, title: fields.title.trim() };
    if (!maySend(checkDay(day, checkDate))) return;
    setIsBusy(true);
    void onSubmit(day)
      .then(sent)
      .finally(() => setIsBusy(false));
  };

  const field = (key: (typeof dayFieldKeys)[number], type: string, required: boolean) => (
    <InputField
      type={type}
      label={t(`prepare.day.${key}`)}
      required={required}
      disabled={isLocked}
      value={fields[key]}
      onChange={(value) => setFields((f) => ({ ...f, [key]: value }))}
      error={errorOf(key)}
    />
  );

  return (
    <form ref={formRef} className="prepare-day-form" data-testid={testId} noValidate onSubmit={handleSubmit}>
      <div className="field-row">
        {field('date', 'date', true)}
        {field('title', 'text', true)}
        {field('startTime', 'time', false)}
        {field('plannedEnd', 'time', false)}
      </div>
      {!isLocked && (
        <FormFooter
          refusal={refusal}
          onDismiss={dismiss}
          isBusy={isBusy}
          submitLabel={submitLabel}
          onCancel={onCancel}
          testId={`${testId}-submit`}
        />
      )}
    </form>
  );
}
