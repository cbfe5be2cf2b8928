import { useTranslation } from 'react-i18next';

interface OvertakenNoteProps {
  testId: string;
  /** What the other chair screen did meanwhile, and that nothing was sent from here. */
  message: string;
  /** What was written in the form and not sent, said so it is not lost without a word. */
  unsent?: string;
  onDismiss: () => void;
}

/** Said in place of a decision's form when another chair screen decided (or took back) the same warning meanwhile. */
export function OvertakenNote({ testId, message, unsent, onDismiss }: OvertakenNoteProps) {
  const { t } = useTranslation();
  return (
    <div className="card" role="status" data-testid={testId}>
      <p>
        {message}
        {unsent && <> {t('decisions.proposed.unsentText', { text: unsent })}</>}
      </p>
      <button type="button" className="button button--small" onClick={onDismiss}>
        {t('decisions.proposed.overtakenDismiss')}
      </button>
    </div>
  );
}
