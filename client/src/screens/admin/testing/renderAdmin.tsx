import { render, screen } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { adminTokenKey } from '../../../app/adminToken';
import { AdminRoute } from '../AdminRoute';
import { consoleRoutes, stubServer } from './stubServer';

afterEach(() => {
  vi.unstubAllGlobals();
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

/**
 * Opens `/admin` signed in with `token` (as if its link had been opened before), the REST server
 * answering `routes` over the console's own, and waits for the console.
 */
export async function renderAdmin(routes: Parameters<typeof stubServer>[0] = {}, token = 'admin-token') {
  window.sessionStorage.setItem(adminTokenKey, token);
  window.history.replaceState(null, '', '/admin');
  const server = stubServer({ ...consoleRoutes, ...routes });
  vi.stubGlobal('fetch', server.fetch);
  render(<AdminRoute />);
  await screen.findByRole('tablist', { name: 'Administration' });
  return server;
}
