import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './i18n';
import './styles.css';

// The stores are module singletons (see stores/*/index.ts); the socket belongs to the session
// route, because it needs the session id and invite token from the URL.
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The first render waits for the chosen language's file, so no screen flashes in English first.
void initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App pathname={window.location.pathname} />
    </StrictMode>,
  );
});
