import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './app/App';
import { initI18n } from './i18n';

// The stores are module singletons (see stores/*/index.ts); the socket belongs to the session
// route, because it needs the session id and invite token from the URL.
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The service worker (built by vite-plugin-pwa) serves the page and assets of the next visit
// from cache. Browsers allow it on HTTPS and localhost only; elsewhere the HTTP cache still holds
// the hashed assets.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}

// The first render waits for the chosen language's file, so no screen flashes in English first.
void initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App pathname={window.location.pathname} />
    </StrictMode>,
  );
});
