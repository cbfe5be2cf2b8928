import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/request';
import { takeAdminToken } from '../../app/adminToken';
import { LanguageSwitch } from '../../shell/LanguageSwitch';
import { AdminConsole } from './AdminConsole';
import { adminApi } from './adminApi';
import { LoadFailed } from './LoadFailed';
import { useApiData } from '../../lib/useApiData';

/** Prints new links, among them an administrator link, on a running installation. */
const linksCommand = 'npm start -- --links';

function AdminPage({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <main className="page centred">
      <LanguageSwitch className="page-language" />
      <h1>{heading}</h1>
      {children}
    </main>
  );
}

function SignedInConsole({ token }: { token: string }) {
  const { t } = useTranslation();
  const api = useMemo(() => adminApi(token), [token]);
  const identity = useApiData(useCallback(() => api.me(), [api]));

  if (identity.state === 'loading') {
    return (
      <AdminPage heading={t('admin.title')}>
        <p className="muted">{t('common.loading')}</p>
      </AdminPage>
    );
  }
  if (identity.state === 'failed') {
    const refused =
      identity.error instanceof ApiError && ['UNAUTHENTICATED', 'FORBIDDEN'].includes(identity.error.code);
    return (
      <AdminPage heading={refused ? t('admin.signIn.refusedHeading') : t('admin.title')}>
        {refused ? (
          <>
            <p role="alert">{t('admin.signIn.refused')}</p>
            <p>{t('admin.signIn.howToGet')}</p>
            <pre className="admin-command">
              <code>{linksCommand}</code>
            </pre>
          </>
        ) : (
          <LoadFailed error={identity.error} onRetry={identity.reload} />
        )}
      </AdminPage>
    );
  }
  return <AdminConsole api={api} token={token} identity={identity.data} />;
}

/** `/admin`: takes the administrator token from the link (or this tab's memory) and signs in. */
export function AdminRoute() {
  const { t } = useTranslation();
  const [token] = useState(() =>
    takeAdminToken({ location: window.location, history: window.history, storage: window.sessionStorage }),
  );
  if (!token) {
    return (
      <AdminPage heading={t('admin.signIn.heading')}>
        <p>{t('admin.signIn.text')}</p>
        <p>{t('admin.signIn.howToGet')}</p>
        <pre className="admin-command">
          <code>{linksCommand}</code>
        </pre>
      </AdminPage>
    );
  }
  return <SignedInConsole token={token} />;
}
