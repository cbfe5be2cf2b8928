import {
  addDays,
  commandPayloads,
  dayTitle,
  daysBetween,
  daysReschedule,
  firstDayToMove,
  IsoDateSchema,
} from '@plenum/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormFooter } from '../../components/FormFooter';
import { InputField } from '../../components/InputField';
import { refusalMessage } from '../../lib/errorMessages';
import type { FieldErrors } from '../../lib/fieldChecks';
import { schemaIssuesByField } from '../../lib/schemaIssues';
import { useFormat } from '../../lib/useFormat';
import { useCommand } from '../../realtime/useCommand';
import { useSessionStore } from '../../stores/session';
import { usePrepareFormCheck } from './usePrepareFormCheck';

const moveFieldKeys = ['date', 'by'] as const;

/** A shift a date input can show: a whole number of days within a century either way. */
const isShift = (value: number) => Number.isSafeInteger(value) && Math.abs(value) <= 36_600;

interface MoveDaysFormProps {
  /** Nothing can be sent (offline). */
  isLocked: boolean;
  /** After the server moved the days. */
  onMoved: () => void;
  onCancel: () => void;
}

/**
 * Moves every day not yet opened at once: a new date for the first of them, or a number of days
 * (each fills in the other), with every day's new date listed before anything is sent. The same
 * rule as the server's (`daysReschedule`) says beside the date what stands in the way.
 */
export function MoveDaysForm({ isLocked, onMoved, onCancel }: MoveDaysFormProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const command = useCommand();
  const session = useSessionStore((s) => s.session);
  const first = firstDayToMove(session);
  const [date, setDate] = useState(first?.date ?? '');
  const [by, setBy] = useState('0');
  const [isBusy, setIsBusy] = useState(false);
  const previewId = useId();
  const { formRef, errorOf, refusal, dismiss, maySend, sent } = usePrepareFormCheck(moveFieldKeys, command);
  if (!first) return null;

  const isDate = IsoDateSchema.safeParse(date).success;
  const plan = isDate ? daysReschedule(session, date) : null;

  const changeDate = (value: string) => {
    setDate(value);
    if (IsoDateSchema.safeParse(value).success) setBy(String(daysBetween(first.date, value)));
  };
  const changeBy = (value: string) => {
    setBy(value);
    const shift = Number(value);
    if (value.trim() !== '' && isShift(shift)) setDate(addDays(first.date, shift));
  };

  const check = (): FieldErrors => {
    const errors: FieldErrors = {};
    const shift = Number(by);
    if (by.trim() === '' || !isShift(shift)) errors.by = t('prepare.moveDays.byInvalid');
    const parsed = commandPayloads['session:reschedule-days'].safeParse({ date });
    if (!parsed.success) Object.assign(errors, schemaIssuesByField(parsed.error.issues));
    else if (date === first.date) errors.date = t('prepare.moveDays.same');
    else if (plan?.refusal) errors.date = refusalMessage(plan.refusal);
    else if (plan?.moves.some((move) => !IsoDateSchema.safeParse(move.to).success)) {
      errors.date = t('prepare.moveDays.beyondCalendar');
    }
    return errors;
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!maySend(check())) return;
    setIsBusy(true);
    void command
      .run({ type: 'session:reschedule-days', payload: { date } }, t('agenda.failed.rescheduleDays'))
      .then((ok) => {
        sent(ok);
        if (ok) onMoved();
      })
      .finally(() => setIsBusy(false));
  };

  const moves = plan && date !== first.date ? plan.moves : [];
  return (
    <form ref={formRef} className="prepare-day-form" data-testid="move-days-form" noValidate onSubmit={handleSubmit}>
      <p className="muted">{t('prepare.moveDays.hint')}</p>
      <div className="field-row">
        <InputField
          type="date"
          label={t('prepare.moveDays.date', { day: first.title })}
          required
          disabled={isLocked}
          value={date}
          onChange={changeDate}
          error={errorOf('date')}
        />
        <InputField
          type="number"
          inputMode="numeric"
          step={1}
          label={t('prepare.moveDays.by')}
          hint={t('prepare.moveDays.byHint')}
          disabled={isLocked}
          value={by}
          onChange={changeBy}
          error={errorOf('by')}
        />
      </div>
      {moves.length > 0 && (
        <>
          <p id={previewId}>{t('prepare.moveDays.preview')}</p>
          <ul aria-labelledby={previewId} data-testid="move-days-preview">
            {moves.map((move) => (
              <li key={move.dayId}>
                {t('prepare.moveDays.move', {
                  day: dayTitle(session, move.dayId),
                  from: format.date(move.from),
                  to: format.date(move.to),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {!isLocked && (
        <FormFooter
          refusal={refusal}
          onDismiss={dismiss}
          isBusy={isBusy}
          submitLabel={t('prepare.moveDays.submit')}
          onCancel={onCancel}
          testId="move-days-form-submit"
        />
      )}
    </form>
  );
}
