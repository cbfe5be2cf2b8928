import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../api/apiErrorText';
import { ApiError } from '../../api/request';

/** Why the trends could not be read, in words, with a way to ask again. */
export function TrendsFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const isUnreachable = error instanceof ApiError && error.code === 'NETWORK';
  return (
    <div className="form-error" role="alert">
      <p>{isUnreachable ? t('history.unreachable') : apiErrorText(error, { link: 'invite', withIssues: false })}</p>
      <button type="button" className="button button--small" onClick={onRetry}>
        {t('history.retry')}
      </button>
    </div>
  );
}
