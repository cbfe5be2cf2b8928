import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { withWords } from '../i18n';
import { ErrorBoundary } from '../shell/ErrorBoundary';
import { AfterWords } from './AfterWords';
import { Landing, NotFound } from './Landing';
import { parseRoute } from './routes';
import { SessionRoute } from './SessionRoute';

// Only administrators open the console: participants never download it.
const AdminRoute = lazy(() =>
  withWords(['admin', 'prepare', 'imports', 'confirm', 'refusals'], import('../screens/admin/AdminRoute')).then(
    (m) => ({
      default: m.AdminRoute,
    }),
  ),
);

function Loading() {
  const { t } = useTranslation();
  return <p className="page centred muted">{t('common.loading')}</p>;
}

/**
 * Routes by URL path. Each screen is reached by a link, so there is no in-app navigation.
 * `words` settles once the first words of the chosen language are loaded.
 */
export function App({ pathname, words }: { pathname: string; words: Promise<unknown> }) {
  const route = parseRoute(pathname);
  // A session connects while its words load: it shows nothing before they are there either.
  if (route.name === 'session') {
    return (
      <ErrorBoundary>
        <SessionRoute sessionId={route.sessionId} words={words} />
      </ErrorBoundary>
    );
  }
  return (
    <ErrorBoundary>
      <AfterWords words={words}>
        {route.name === 'landing' && <Landing />}
        {route.name === 'admin' && (
          <Suspense fallback={<Loading />}>
            <AdminRoute />
          </Suspense>
        )}
        {route.name === 'not-found' && <NotFound />}
      </AfterWords>
    </ErrorBoundary>
  );
}
