import { Select, type SelectOption } from './Select';

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
      <Select id={id} data-testid={testId} value={value} options={options} onChange={onChange} />
    </div>
  );
}
