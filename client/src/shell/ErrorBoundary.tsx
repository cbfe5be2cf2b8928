import { Component, type ErrorInfo, type ReactNode } from 'react';
import { i18n } from '../i18n';

interface ErrorBoundaryState {
  error: Error | null;
}

/**
 * Catches a rendering failure so the room sees an explanation and a way back instead of a
 * blank page. The record is safe on the server; reloading rebuilds the screen from the log.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): ErrorBoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Plenum: the screen failed to render', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="page centred" role="alert">
        <h1>{i18n.t('crash.heading')}</h1>
        <p>{i18n.t('crash.text')}</p>
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          {i18n.t('crash.reload')}
        </button>
      </main>
    );
  }
}
