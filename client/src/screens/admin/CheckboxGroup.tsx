import type { ReactNode } from 'react';

interface CheckboxGroupProps<T extends string> {
  legend: string;
  options: readonly T[];
  checked: readonly T[];
  /** The new choice, in the options' order. */
  onChange: (checked: T[]) => void;
  label: (option: T) => ReactNode;
  /** Why the choice is refused, read with the group. */
  error?: string;
  errorId: string;
}

/** A fieldset of checkboxes choosing several of `options` (scopes, event types), with its error. */
export function CheckboxGroup<T extends string>({
  legend,
  options,
  checked,
  onChange,
  label,
  error,
  errorId,
}: CheckboxGroupProps<T>) {
  const toggle = (option: T, isOn: boolean) =>
    onChange(options.filter((o) => (o === option ? isOn : checked.includes(o))));
  return (
    <fieldset className="admin-fieldset" aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className="admin-check">
          <input
            type="checkbox"
            checked={checked.includes(option)}
            onChange={(e) => toggle(option, e.target.checked)}
          />{' '}
          {label(option)}
        </label>
      ))}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
