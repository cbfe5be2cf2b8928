import { ErrorBoundary } from '../shell/ErrorBoundary';
import { Landing, NotFound } from './Landing';
import { parseRoute } from './routes';
import { SessionRoute } from './SessionRoute';

/** Routes by URL path. Each screen is reached by a link, so there is no in-app navigation. */
export function App({ pathname }: { pathname: string }) {
  const route = parseRoute(pathname);
  return (
    <ErrorBoundary>
      {route.name === 'landing' && <Landing />}
      {route.name === 'session' && <SessionRoute sessionId={route.sessionId} />}
      {route.name === 'not-found' && <NotFound />}
    </ErrorBoundary>
  );
}
