import { useTranslation } from 'react-i18next';

interface ErrorNoteProps {
  message: string | null;
  onDismiss?: () => void;
}

/** A failure said in words, announced at once, with a way to put it away. */
export function ErrorNote({ message, onDismiss }: ErrorNoteProps) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <div className="form-error" role="alert">
      <p>{message}</p>
      {/* Named for what it closes: a bare "Dismiss" beside a ruling read as dismissing the criticism. */}
      {onDismiss && (
        <button
          type="button"
          className="button button--small"
          aria-label={t('common.closeMessage')}
          title={t('common.closeMessage')}
          onClick={onDismiss}
        >
          <span aria-hidden="true">×</span>
        </button>
      )}
    </div>
  );
}
