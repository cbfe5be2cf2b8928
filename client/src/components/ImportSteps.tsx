import { useTranslation } from 'react-i18next';
import { importAccept } from '../lib/useFileImport';
import { ErrorNote } from './ErrorNote';
import { FileDrop } from './FileDrop';

interface ImportFileStepProps {
  label: string;
  hint: string;
  testId: string;
  disabled: boolean;
  isBusy: boolean;
  onFile: (file: File) => void;
  /** Why the last step failed; null when it did not. */
  error: string | null;
  onDismissError: () => void;
  /** What the last apply changed; null until a file is applied. */
  applied: string | null;
}

/** The first step of an import (`useFileImport`): the file picker, then what is going on and how the last step ended. */
export function ImportFileStep(props: ImportFileStepProps) {
  const { t } = useTranslation();
  return (
    <>
      <FileDrop
        label={props.label}
        hint={props.hint}
        accept={importAccept}
        disabled={props.disabled || props.isBusy}
        onFile={props.onFile}
        testId={props.testId}
      />
      {props.isBusy && <p className="muted">{t('common.loading')}</p>}
      <ErrorNote message={props.error} onDismiss={props.onDismissError} />
      {props.applied && (
        <p className="success" role="status">
          {props.applied}
        </p>
      )}
    </>
  );
}

interface ImportApplyRowProps {
  /** The note's element id, which describes the button. */
  noteId: string;
  testId: string;
  label: string;
  /** What applying will do, or why the file cannot be applied. */
  note: string;
  disabled: boolean;
  onApply: () => void;
}

/** The last step of an import: apply, with the note of what it will do or why it cannot. */
export function ImportApplyRow({ noteId, testId, label, note, disabled, onApply }: ImportApplyRowProps) {
  return (
    <div className="button-row">
      <button
        type="button"
        className="button button--primary"
        data-testid={testId}
        disabled={disabled}
        aria-describedby={noteId}
        onClick={onApply}
      >
        {label}
      </button>
      <span id={noteId} className="muted">
        {note}
      </span>
    </div>
  );
}
