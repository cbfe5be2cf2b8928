import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface TextActionFormProps {
  label: string;
  submitLabel: string;
  /** Said when the text is required and empty. */
  requiredMessage?: string;
  initialText?: string;
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
 * when it opens, Escape cancels, and an empty required text is explained rather than sent.
 */
export function TextActionForm(props: TextActionFormProps) {
  const { label, submitLabel, requiredMessage, initialText = '', rows = 2, maxLength, isDisabled = false } = props;
  const { onSubmit, onCancel, testId } = props;
  const { t } = useTranslation();
  const fieldId = useId();
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
    setProblem(null);
    setIsSending(true);
    void Promise.resolve(onSubmit(trimmed)).then((ok) => {
      setIsSending(false);
      if (ok) setText('');
    });
  };

  return (
    <form className="inline-form" data-testid={testId} onSubmit={handleSubmit} noValidate>
      <div className="field">
        <label htmlFor={fieldId}>{label}</label>
        <textarea
          id={fieldId}
          ref={fieldRef}
          rows={rows}
          maxLength={maxLength}
          value={text}
          required={requiredMessage !== undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${fieldId}-problem` : undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && onCancel) onCancel();
          }}
        />
      </div>
      {problem && (
        <p id={`${fieldId}-problem`} className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button
          type="submit"
          className="button button--small button--primary"
          data-testid={testId ? `${testId}-submit` : undefined}
          disabled={isDisabled || isSending}
        >
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--small" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
