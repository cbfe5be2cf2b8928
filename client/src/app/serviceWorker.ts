import { connectionStore } from '../stores/connection';
import type { Route } from './routes';

/** Calls `then` once the session's connection is first live (at once if it is already). */
function whenLive(then: () => void): void {
  if (connectionStore.getState().status === 'live') {
    then();
    return;
  }
  const stop = connectionStore.subscribe((state) => {
    if (state.status !== 'live') return;
    stop();
    then();
  });
}

/**
 * Registers the service worker (built by vite-plugin-pwa), which serves the assets of the next
 * visit from cache, and the page from the network first (from cache when the network fails).
 * Browsers allow it on HTTPS and localhost only; elsewhere the HTTP cache still holds the hashed
 * assets. Installing it fetches the worker (about 20 kB) and the page, which on a slow link would
 * hold back the socket's first answer: a session's page registers it once the session is live,
 * any other page once it has loaded.
 */
export function registerServiceWorker(route: Route): void {
  if (!('serviceWorker' in navigator)) return;
  const register = () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  if (route.name === 'session') whenLive(register);
  else window.addEventListener('load', register, { once: true });
}
