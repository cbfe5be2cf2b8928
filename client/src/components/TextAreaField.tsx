import { useId, type Ref, type TextareaHTMLAttributes } from 'react';
import { LengthNote, shownTooLong } from './LengthNote';
import { isTooLong } from './textLength';
import './InputField.css';

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onChange'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** What is wrong with the text, said under the field and to screen readers with it. */
  error?: string | undefined;
  testId?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

/**
 * A labelled text area in the form's field layout, with its error; other textarea attributes
 * pass through. `maxLength` is not left to the browser, which cuts a long paste silently: the
 * field holds all of it and says how it stands against the limit ({@link LengthNote}); the form
 * refuses to send it, see `isTooLong`.
 */
export function TextAreaField(props: TextAreaFieldProps) {
  const { label, value, onChange, error, testId, ref, maxLength, ...textarea } = props;
  const id = useId();
  const errorId = `${id}-error`;
  const lengthId = `${id}-length`;
  const isOver = isTooLong(value, maxLength);
  // The error joins what the caller describes the text area by (its hint, its own problem).
  const describedBy = [
    textarea['aria-describedby'],
    error ? errorId : null,
    shownTooLong(value, maxLength, error) ? lengthId : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        {...textarea}
        id={id}
        ref={ref}
        data-testid={testId}
        value={value}
        aria-invalid={error || isOver ? true : textarea['aria-invalid']}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
      <LengthNote id={lengthId} value={value} maxLength={maxLength} error={error} testId={testId} />
    </div>
  );
}
