import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, test, vi } from 'vitest';
import { adminTokenKey } from '../../app/adminToken';
import { AdminRoute } from './AdminRoute';
import { renderAdmin } from './testing/renderAdmin';
import { consoleRoutes, identity, ok, refused, stubServer } from './testing/stubServer';

describe('signing in at /admin', () => {
  test('takes the token from the link’s fragment, keeps it for this tab, removes it from the address bar and signs in with it', async () => {
    window.history.replaceState(null, '', '/admin?lang=en#token=first-admin-token');
    const server = stubServer(consoleRoutes);
    vi.stubGlobal('fetch', server.fetch);
    render(<AdminRoute />);

    expect(await screen.findByTestId('admin-you')).toHaveTextContent('Han Jiwoo');
    expect(await screen.findByText('Northern Province')).toHaveAttribute('data-testid', 'admin-organisation');
    expect(window.location.hash).toBe('');
    expect(window.location.pathname + window.location.search).toBe('/admin?lang=en');
    expect(window.sessionStorage.getItem(adminTokenKey)).toBe('first-admin-token');
    expect(server.sent('GET', '/api/admin/me')[0]?.authorization).toBe('Bearer first-admin-token');
  });

  test('after a reload, signs in with the token this tab kept', async () => {
    const server = await renderAdmin({}, 'kept-token');
    expect(screen.getByRole('heading', { level: 1, name: 'Administration' })).toBeInTheDocument();
    expect(server.requests.every((request) => request.authorization === 'Bearer kept-token')).toBe(true);
  });

  test('without a token, explains where an administrator link comes from and asks the server nothing', () => {
    window.history.replaceState(null, '', '/admin');
    const server = stubServer(consoleRoutes);
    vi.stubGlobal('fetch', server.fetch);
    render(<AdminRoute />);

    expect(screen.getByRole('heading', { name: 'Administrator link needed' })).toBeInTheDocument();
    expect(screen.getByText(/printed by the server when it first starts/)).toBeInTheDocument();
    expect(screen.getByText('npm start -- --links')).toBeInTheDocument();
    expect(server.requests).toEqual([]);
  });

  test('a refused token says so, and shows nothing of the console', async () => {
    window.history.replaceState(null, '', '/admin#token=revoked-token');
    vi.stubGlobal(
      'fetch',
      stubServer({ ...consoleRoutes, 'GET /api/admin/me': refused(401, 'UNAUTHENTICATED') }).fetch,
    );
    render(<AdminRoute />);

    expect(await screen.findByRole('heading', { name: 'Administrator link refused' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('This administrator link is invalid or has been revoked.');
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();
  });

  test('a server out of reach is said, and asked again on request', async () => {
    window.history.replaceState(null, '', '/admin#token=some-token');
    let reachable = false;
    const server = stubServer({
      ...consoleRoutes,
      'GET /api/admin/me': () => (reachable ? ok(identity) : refused(503, 'INTERNAL')),
    });
    vi.stubGlobal('fetch', server.fetch);
    render(<AdminRoute />);

    expect(await screen.findByRole('alert')).toHaveTextContent('The server had a problem.');
    reachable = true;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('tablist', { name: 'Administration' })).toBeInTheDocument();
  });

  test('the console’s tabs are Sessions, Register, Administrators, API tokens and Webhooks, moved between with the arrow keys', async () => {
    await renderAdmin();
    const tabs = within(screen.getByRole('tablist', { name: 'Administration' })).getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual([
      'Sessions',
      'Register',
      'Administrators',
      'API tokens',
      'Webhooks',
    ]);
    tabs[0]!.focus();
    fireEvent.keyDown(tabs[0]!, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Register' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Register' })).toHaveFocus();
    expect(await screen.findByRole('heading', { name: 'Register of units' })).toBeInTheDocument();
  });
});
