import { act, fireEvent, render, screen } from '@testing-library/react';
import { expect, test, vi } from 'vitest';
import { connectionStore, type ConnectionStatus } from '../stores/connection';
import { sessionStore } from '../stores/session';
import { participants } from '../test/events';
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

test('a long catch-up says how far it has come, in figures of the language', () => {
  render(<ConnectionBadge />);
  act(() => {
    connectionStore.getState().setStatus('catching-up');
    connectionStore.getState().setCatchUpProgress({ received: 1200, total: 4800 });
  });
  expect(screen.getByTestId('connection-status')).toHaveTextContent('Catching up: 1,200 of 4,800 events');
  act(() => connectionStore.getState().setStatus('live'));
  expect(connectionStore.getState().catchUp).toBeNull();
  expect(screen.getByTestId('connection-status')).toHaveTextContent('Live');
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

test('rehearsal 8: a revoked link says who gives a new one: the administrator to a chair, the chair to others', () => {
  sessionStore.getState().setIdentity({ epoch: 'epoch-1', you: participants.chair });
  render(<ConnectionBadge />);
  act(() => connectionStore.getState().setStatus('offline', { code: 'UNAUTHENTICATED', message: 'revoked' }));
  expect(screen.getByTestId('connection-status')).toHaveTextContent('Ask the administrator for a new one.');
  expect(screen.getByTestId('connection-status')).not.toHaveTextContent('Ask the chair');

  act(() => sessionStore.getState().setIdentity({ epoch: 'epoch-1', you: participants.official }));
  expect(screen.getByTestId('connection-status')).toHaveTextContent('Ask the chair for a new one.');

  // Before any join the role is unknown: both are named.
  act(() => sessionStore.getState().reset(''));
  expect(screen.getByTestId('connection-status')).toHaveTextContent(
    "the administrator for a chair's link, the chair for any other",
  );
});
