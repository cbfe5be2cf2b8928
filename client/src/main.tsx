import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './app/App';
import { parseRoute } from './app/routes';
import { registerServiceWorker } from './app/serviceWorker';
import { initI18n } from './i18n';
import { drawHangulWhenShown } from './i18n/hangulFont';
import { keepViewAcrossReloads } from './shell/keptView';
import { recoverFromStaleBuilds } from './shell/staleBuild';

// The stores are module singletons (see stores/*/index.ts); the socket belongs to the session
// route, because it needs the session id and invite token from the URL.
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

if (import.meta.env.PROD) registerServiceWorker(parseRoute(window.location.pathname));
// A reload comes back to the tab the screen showed, not to its first one.
keepViewAcrossReloads();
// A deploy replaces the chunks an open page has yet to load: it reloads onto the new build.
recoverFromStaleBuilds();
drawHangulWhenShown();

// The words load while the first render mounts what needs none (a session's connection);
// the screens wait for them.
createRoot(root).render(
  <StrictMode>
    <App pathname={window.location.pathname} words={initI18n()} />
  </StrictMode>,
);
