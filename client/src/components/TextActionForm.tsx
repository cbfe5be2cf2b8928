import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { FormActions } from './FormActions';
import { TextAreaField } from './TextAreaField';
import { tooLongProblem } from './textLength';

interface TextActionFormProps {
  label: string;
  submitLabel: string;
  /** Said when the text is required and empty. */
  requiredMessage?: string;
  initialText?: string;
  /** Told of every change to the text, e.g. to keep a draft that outlives the form. */
  onTextChange?: (text: string) => void;
  rows?: number;
  maxLength?: number;
  /** Disables the submit button (e.g. offline). */
  isDisabled?: boolean;
  /** Resolves true when the action succeeded; the form then clears itself. */
  onSubmit: (text: string) => Promise<boolean> | boolean;
  onCancel?: () => void;
  testId?: string;
}

/**
 * A short form around one text field: a reason, a note, an answer. Focus goes to the field
 * when it opens, Escape cancels, and an empty required text or one past `maxLength` is
 * explained rather than sent.
 */
export function TextActionForm(props: TextActionFormProps) {
  const { label, submitLabel, requiredMessage, initialText = '', rows = 2, maxLength, isDisabled = false } = props;
  const { onSubmit, onCancel, onTextChange, testId } = props;
  const problemId = useId();
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(initialText);
  const [problem, setProblem] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);

  useEffect(() => {
    fieldRef.current?.focus();
  }, []);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (requiredMessage && !trimmed) {
      setProblem(requiredMessage);
      return;
    }
    const tooLong = tooLongProblem(maxLength, text);
    if (tooLong) {
      setProblem(tooLong);
      fieldRef.current?.focus();
      return;
    }
    setProblem(null);
    setIsSending(true);
    void Promise.resolve(onSubmit(trimmed)).then((ok) => {
      setIsSending(false);
      if (ok) setText('');
    });
  };

  return (
    <form className="inline-form" data-testid={testId} onSubmit={handleSubmit} noValidate>
      <TextAreaField
        label={label}
        ref={fieldRef}
        rows={rows}
        maxLength={maxLength}
        value={text}
        required={requiredMessage !== undefined}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : undefined}
        onChange={(value) => {
          setText(value);
          onTextChange?.(value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && onCancel) onCancel();
        }}
      />
      {problem && (
        <p id={problemId} className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        <FormActions
          submitLabel={submitLabel}
          isDisabled={isDisabled || isSending}
          onCancel={onCancel}
          testId={testId ? `${testId}-submit` : undefined}
        />
      </div>
    </form>
  );
}
