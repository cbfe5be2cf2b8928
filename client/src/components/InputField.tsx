import { useId, type InputHTMLAttributes, type Ref } from 'react';
import { LengthNote, shownTooLong } from './LengthNote';
import { isTooLong } from './textLength';
import './InputField.css';

interface InputFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** What is wrong with the value, said under the field and to screen readers with it. */
  error?: string | undefined;
  /** What the field wants, said under it. */
  hint?: string | undefined;
  testId?: string;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A labelled one-line input in the form's field layout, with its hint and its error; other input
 * attributes pass through. `maxLength` is not left to the browser, which cuts a long paste
 * silently: as in a text area, the field holds all of it and says how it stands against the
 * limit ({@link LengthNote}); the form refuses to send it (`tooLongProblem`).
 */
export function InputField(props: InputFieldProps) {
  const { label, value, onChange, error, hint, testId, ref, maxLength, ...input } = props;
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const lengthId = `${id}-length`;
  const isOver = isTooLong(value, maxLength);
  const describedBy = [
    hint ? hintId : null,
    error ? errorId : null,
    shownTooLong(value, maxLength, error) ? lengthId : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        id={id}
        ref={ref}
        data-testid={testId}
        value={value}
        aria-invalid={error || isOver ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <span id={hintId} className="field-hint muted">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="field-error" data-testid={testId && `${testId}-error`}>
          {error}
        </span>
      )}
      <LengthNote id={lengthId} value={value} maxLength={maxLength} error={error} testId={testId} />
    </div>
  );
}
