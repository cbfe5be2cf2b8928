import type { SelectHTMLAttributes } from 'react';

export interface SelectOption<TValue extends string> {
  value: TValue;
  label: string;
  /** The language the label is written in, when not the page's. */
  lang?: string;
}

type SelectProps<TValue extends string> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: TValue;
  options: readonly SelectOption<TValue>[];
  onChange: (value: TValue) => void;
};

/** A drop-down over a fixed set of values, typed: its label is the caller's (a `<label>` or `aria-label`). */
export function Select<TValue extends string>({ value, options, onChange, ...rest }: SelectProps<TValue>) {
  return (
    <select
      {...rest}
      value={value}
      // The options are the only values the element can hold.
      onChange={(e) => onChange(e.target.value as TValue)}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value} lang={option.lang}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
