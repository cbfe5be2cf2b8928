import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { FormActions } from '../../components/FormActions';
import '../../components/InputField.css';

interface DateFormProps {
  label: string;
  submitLabel: string;
  initialDate: string;
  isLocked: boolean;
  onSubmit: (date: string) => void;
  /** Shows a Cancel button; Escape cancels too. */
  onCancel?: () => void;
  /** Put the focus on the date when the form opens. */
  autoFocus?: boolean;
  /** What stands in the way of a date, in words, or null when it may be sent: checked before sending. */
  checkDate?: (date: string) => string | null;
  /** The server's refusal of the date sent, said beside the field. */
  error?: string | null;
  testId?: string;
}

/** One date to choose and an action for it: the notice date, a day's new date. */
export function DateForm(props: DateFormProps) {
  const { label, submitLabel, initialDate, isLocked, onSubmit, onCancel, autoFocus = false } = props;
  const { checkDate, error = null, testId } = props;
  const fieldId = useId();
  const errorId = `${fieldId}-error`;
  const fieldRef = useRef<HTMLInputElement>(null);
  const [date, setDate] = useState(initialDate);
  const [checked, setChecked] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const shown = checked ?? error;

  useEffect(() => {
    if (autoFocus) fieldRef.current?.focus();
  }, [autoFocus]);

  // A date refused, by the check or by the server, takes the focus back to the field that says why.
  useEffect(() => {
    if (attempt > 0 || error !== null) fieldRef.current?.focus();
  }, [attempt, error]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!date) return;
    const problem = checkDate?.(date) ?? null;
    setChecked(problem);
    if (problem === null) onSubmit(date);
    else setAttempt((n) => n + 1);
  };

  return (
    <form className="defer-form" data-testid={testId} onSubmit={handleSubmit}>
      <label htmlFor={fieldId}>{label}</label>
      <input
        id={fieldId}
        ref={fieldRef}
        type="date"
        required
        value={date}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? errorId : undefined}
        onChange={(e) => setDate(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && onCancel) onCancel();
        }}
      />
      {shown && (
        <span id={errorId} className="field-error" data-testid={testId && `${testId}-error`}>
          {shown}
        </span>
      )}
      <FormActions
        submitLabel={submitLabel}
        isDisabled={isLocked || !date}
        onCancel={onCancel}
        testId={testId && `${testId}-submit`}
      />
    </form>
  );
}
