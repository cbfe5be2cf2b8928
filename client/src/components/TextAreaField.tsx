import { useId, type Ref, type TextareaHTMLAttributes } from 'react';

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onChange'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

/** A labelled text area in the form's field layout; other textarea attributes pass through. */
export function TextAreaField({ label, value, onChange, testId, ref, ...textarea }: TextAreaFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        {...textarea}
        id={id}
        ref={ref}
        data-testid={testId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
