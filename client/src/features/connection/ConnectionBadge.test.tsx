import { act, fireEvent, render, screen } from '@testing-library/react';
import { expect, test, vi } from 'vitest';
import { connectionStore, type ConnectionStatus } from '../../stores/connection';
import { ConnectionBadge } from './ConnectionBadge';

test.each<[ConnectionStatus, string]>([
  ['live', 'Live'],
  ['catching-up', 'Catching up…'],
  ['reconnecting', 'Reconnecting…'],
  ['offline', 'Offline'],
  ['incompatible', 'Reload needed'],
])('status %s reads “%s”', (status, text) => {
  render(<ConnectionBadge />);
  act(() => connectionStore.getState().setStatus(status));
  expect(screen.getByTestId('connection-status')).toHaveTextContent(text);
  expect(screen.getByTestId('connection-status')).toHaveAttribute('data-status', status);
});

test('offline explains why and offers to try again', () => {
  const onReconnect = vi.fn();
  render(<ConnectionBadge onReconnect={onReconnect} />);
  act(() =>
    connectionStore
      .getState()
      .setStatus('offline', { code: 'UNAUTHENTICATED', message: 'This invite link is invalid or has been revoked.' }),
  );
  expect(screen.getByTestId('connection-status')).toHaveTextContent('This invite link is invalid or has been revoked.');
  fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(onReconnect).toHaveBeenCalledOnce();
});

test('an incompatible protocol offers a reload', () => {
  render(<ConnectionBadge />);
  act(() =>
    connectionStore
      .getState()
      .setStatus('incompatible', { code: 'INCOMPATIBLE_PROTOCOL', message: 'Plenum was updated: reload the page.' }),
  );
  expect(screen.getByRole('button', { name: 'Reload page' })).toBeInTheDocument();
});
