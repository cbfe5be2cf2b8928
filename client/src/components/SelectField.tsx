export interface SelectOption<TValue extends string> {
  value: TValue;
  label: string;
}

interface SelectFieldProps<TValue extends string> {
  id: string;
  label: string;
  value: TValue;
  options: readonly SelectOption<TValue>[];
  onChange: (value: TValue) => void;
  testId?: string;
}

/** A labelled drop-down in a form's field layout. */
export function SelectField<TValue extends string>({
  id,
  label,
  value,
  options,
  onChange,
  testId,
}: SelectFieldProps<TValue>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={testId}
        value={value}
        // The options are the only values the element can hold.
        onChange={(e) => onChange(e.target.value as TValue)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
