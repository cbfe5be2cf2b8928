import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { FormActions } from '../../components/FormActions';

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
  testId?: string;
}

/** One date to choose and an action for it: the notice date, a day's new date. */
export function DateForm(props: DateFormProps) {
  const { label, submitLabel, initialDate, isLocked, onSubmit, onCancel, autoFocus = false, testId } = props;
  const fieldId = useId();
  const fieldRef = useRef<HTMLInputElement>(null);
  const [date, setDate] = useState(initialDate);

  useEffect(() => {
    if (autoFocus) fieldRef.current?.focus();
  }, [autoFocus]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (date) onSubmit(date);
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
        onChange={(e) => setDate(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && onCancel) onCancel();
        }}
      />
      <FormActions
        submitLabel={submitLabel}
        isDisabled={isLocked || !date}
        onCancel={onCancel}
        testId={testId && `${testId}-submit`}
      />
    </form>
  );
}
