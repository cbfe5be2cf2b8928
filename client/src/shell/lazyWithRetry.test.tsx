import { fireEvent, render, screen } from '@testing-library/react';
import { Component, Suspense, type ReactNode } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { lazyWithRetry } from './lazyWithRetry';

/** Chromium's words for a script that could not be fetched. */
const notFetched = () => new TypeError('Failed to fetch dynamically imported module: /assets/Piece-a1.js');

function Piece({ name }: { name: string }) {
  return <p data-testid="piece">{name}</p>;
}

/** Stands for the screen's error boundary: shows what reached it. */
class Caught extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? <p data-testid="caught">{this.state.error.message}</p> : this.props.children;
  }
}

function renderLazy(Lazy: (props: { name: string }) => ReactNode) {
  return render(
    <Caught>
      <Suspense fallback={<p>Loading…</p>}>
        <Lazy name="the form" />
      </Suspense>
    </Caught>,
  );
}

/** The page as built: its entry script, which the server has (200) or no longer has (404). */
function servedBuild(status: number | 'unreachable') {
  // Inserted as markup, which is not run.
  document.head.insertAdjacentHTML('beforeend', '<script type="module" src="/assets/index-a1.js"></script>');
  const fetch = vi.fn(() =>
    status === 'unreachable'
      ? Promise.reject(new TypeError('Failed to fetch'))
      : Promise.resolve(new Response(null, { status })),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  document.head.querySelectorAll('script').forEach((script) => script.remove());
  vi.unstubAllGlobals();
});

describe('lazyWithRetry', () => {
  test('offline, says the piece could not be loaded, and “Try again” loads it anew', async () => {
    const fetch = servedBuild('unreachable');
    const load = vi.fn().mockRejectedValueOnce(notFetched()).mockResolvedValue(Piece);
    const Lazy = lazyWithRetry(load);
    renderLazy(Lazy);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The form could not be loaded: check the connection and try again',
    );
    expect(fetch).toHaveBeenCalledWith(
      expect.stringContaining('/assets/index-a1.js'),
      expect.objectContaining({ method: 'HEAD' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('piece')).toHaveTextContent('the form');
    expect(load).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('a piece the page’s own build still has, but which failed to load, is offered again too', async () => {
    servedBuild(200);
    const Lazy = lazyWithRetry(vi.fn().mockRejectedValueOnce(notFetched()).mockResolvedValue(Piece));
    renderLazy(Lazy);
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('piece')).toBeInTheDocument();
  });

  test('a chunk of a replaced build fails to the screen’s error boundary, which reloads onto the new build', async () => {
    servedBuild(404);
    const Lazy = lazyWithRetry(vi.fn().mockRejectedValue(notFetched()));
    renderLazy(Lazy);
    expect(await screen.findByTestId('caught')).toHaveTextContent('Failed to fetch dynamically imported module');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  test('an error other than a failed load is not offered again', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const Lazy = lazyWithRetry(vi.fn().mockRejectedValue(new Error('The module threw')));
    renderLazy(Lazy);
    expect(await screen.findByTestId('caught')).toHaveTextContent('The module threw');
    expect(fetch).not.toHaveBeenCalled();
  });

  test('offers a way to close the piece instead, when given one', async () => {
    servedBuild('unreachable');
    const onCancel = vi.fn();
    const Lazy = lazyWithRetry<{ name: string; onCancel: () => void }>(vi.fn().mockRejectedValue(notFetched()), {
      cancelOf: (props) => props.onCancel,
    });
    render(
      <Suspense fallback={null}>
        <Lazy name="the dialog" onCancel={onCancel} />
      </Suspense>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });
});
