import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { allNamespaces, initI18n, loadNamespaces } from '../i18n';
import { connectionStore } from '../stores/connection';
import { issuedLinksStore } from '../stores/issuedLinks';
import { pendingStore } from '../stores/pending';
import { presenceStore } from '../stores/presence';
import { sessionStore } from '../stores/session';
import { uiStore } from '../stores/ui';

// Views, forms and their words load on first use: on a machine whose cores another run shares,
// that takes longer than the default second a `findBy…` waits.
configure({ asyncUtilTimeout: 5_000 });

// Tests read the English texts; every test starts in English whatever a test switched to.
// Screens are rendered directly, not through their lazy loaders: every namespace is loaded, and
// the code that words a refusal, which the app fetches with the first, is ready as a screen's is.
beforeAll(async () => {
  await initI18n('en');
  await Promise.all([loadNamespaces(allNamespaces), import('../lib/errorMessages')]);
});

// The app's stores are module singletons: every test starts from their initial state.
beforeEach(async () => {
  // Drafts and the language choice are kept in localStorage: none leaks into the next test.
  window.localStorage.clear();
  await initI18n('en');
  uiStore.getState().reset();
  sessionStore.getState().reset('');
  pendingStore.getState().reset();
  presenceStore.getState().reset();
  connectionStore.getState().reset();
  issuedLinksStore.getState().reset();
});

// Without vitest globals, Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
});
