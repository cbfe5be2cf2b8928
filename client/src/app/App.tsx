import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { withWords } from '../i18n';
import { ErrorBoundary } from '../shell/ErrorBoundary';
import { Landing, NotFound } from './Landing';
import { parseRoute } from './routes';
import { SessionRoute } from './SessionRoute';

// Only administrators open the console: participants never download it.
const AdminRoute = lazy(() =>
  withWords(['admin', 'prepare', 'imports'], import('../screens/admin/AdminRoute')).then((m) => ({
    default: m.AdminRoute,
  })),
);

function Loading() {
  const { t } = useTranslation();
  return <p className="page centred muted">{t('common.loading')}</p>;
}

/** Routes by URL path. Each screen is reached by a link, so there is no in-app navigation. */
export function App({ pathname }: { pathname: string }) {
  const route = parseRoute(pathname);
  return (
    <ErrorBoundary>
      {route.name === 'landing' && <Landing />}
      {route.name === 'session' && <SessionRoute sessionId={route.sessionId} />}
      {route.name === 'admin' && (
        <Suspense fallback={<Loading />}>
          <AdminRoute />
        </Suspense>
      )}
      {route.name === 'not-found' && <NotFound />}
    </ErrorBoundary>
  );
}
