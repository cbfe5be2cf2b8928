import { Select, type SelectOption } from './Select';
import './InputField.css';

interface SelectFieldProps<TValue extends string> {
  id: string;
  label: string;
  value: TValue;
  options: readonly SelectOption<TValue>[];
  onChange: (value: TValue) => void;
  /** What is wrong with the choice, said under the field and to screen readers with it. */
  error?: string | undefined;
  testId?: string;
}

/** A labelled drop-down in a form's field layout, with its error. */
export function SelectField<TValue extends string>({
  id,
  label,
  value,
  options,
  onChange,
  error,
  testId,
}: SelectFieldProps<TValue>) {
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <Select
        id={id}
        data-testid={testId}
        value={value}
        options={options}
        onChange={onChange}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
