import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './app/App';
import { parseRoute } from './app/routes';
import { registerServiceWorker } from './app/serviceWorker';
import { initI18n } from './i18n';

// The stores are module singletons (see stores/*/index.ts); the socket belongs to the session
// route, because it needs the session id and invite token from the URL.
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

if (import.meta.env.PROD) registerServiceWorker(parseRoute(window.location.pathname));

// The first render waits for the chosen language's file, so no screen flashes in English first.
void initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App pathname={window.location.pathname} />
    </StrictMode>,
  );
});
