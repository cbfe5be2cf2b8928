import { useTranslation } from 'react-i18next';
import { ErrorNote } from './ErrorNote';
import { FormActions } from './FormActions';

interface FormFooterProps {
  /** The server's refusal of the last submit, in words; null: none. */
  refusal: string | null;
  /** Puts the refusal away; without it the refusal stays until the next submit. */
  onDismiss?: () => void;
  /** While the submit is on its way the button says so and cannot be pressed again. */
  isBusy: boolean;
  submitLabel: string;
  /** Disables the submit for a reason besides being busy. */
  isDisabled?: boolean;
  onCancel?: () => void;
  testId: string;
}

/** The end of an administrator's form: the refusal, if any, then submit (and cancel). */
export function FormFooter({ refusal, onDismiss, isBusy, submitLabel, isDisabled, onCancel, testId }: FormFooterProps) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorNote message={refusal} onDismiss={onDismiss} />
      <div className="button-row">
        <FormActions
          submitLabel={isBusy ? t('common.sending') : submitLabel}
          isDisabled={isBusy || isDisabled}
          onCancel={onCancel}
          testId={testId}
        />
      </div>
    </>
  );
}
