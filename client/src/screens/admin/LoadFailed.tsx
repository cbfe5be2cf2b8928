import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../api/apiErrorText';
import { adminWording } from './adminApi';

/** What could not be read from the server, in words, with a way to ask again. */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="form-error" role="alert">
      <p>{apiErrorText(error, adminWording)}</p>
      <button type="button" className="button button--small" onClick={onRetry}>
        {t('admin.retry')}
      </button>
    </div>
  );
}
