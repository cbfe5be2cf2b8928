import { useTranslation } from 'react-i18next';

interface FormActionsProps {
  submitLabel: string;
  /** Disables the submit button (offline, busy, nothing to send). */
  isDisabled?: boolean;
  /** Shows a cancel button calling this. */
  onCancel?: () => void;
  /** The submit button's test id. */
  testId?: string;
}

/** The buttons that end a short form: submit, and cancel when the form can be left. */
export function FormActions({ submitLabel, isDisabled = false, onCancel, testId }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <>
      <button type="submit" className="button button--small button--primary" data-testid={testId} disabled={isDisabled}>
        {submitLabel}
      </button>
      {onCancel && (
        <button type="button" className="button button--small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
    </>
  );
}
