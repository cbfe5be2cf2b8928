import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { connectionStore } from '../stores/connection';
import { pendingStore } from '../stores/pending';
import { sessionStore } from '../stores/session';

// The app's stores are module singletons: every test starts from their initial state.
beforeEach(() => {
  sessionStore.getState().reset('');
  pendingStore.getState().reset();
  connectionStore.getState().reset();
});

// Without vitest globals, Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
});
