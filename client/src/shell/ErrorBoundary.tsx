import { Component, type ErrorInfo, type ReactNode } from 'react';
import { i18n } from '../i18n';
import { isReloadingForNewBuild, isStaleBuildError, reloadForNewBuild } from './staleBuild';

interface ErrorBoundaryState {
  error: Error | null;
  /** The error is a chunk of a replaced build, and the page is reloading onto the new one. */
  isReloading: boolean;
}

/**
 * Catches a rendering failure so the room sees an explanation and a way back instead of a
 * blank page. The record is safe on the server; reloading rebuilds the screen from the log.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, isReloading: false };

  static getDerivedStateFromError(error: Error): ErrorBoundaryState {
    // `vite:preloadError` may have started the reload already: it has for a piece of `lazyWithRetry`,
    // whose failure waits for the same check of the build.
    return { error, isReloading: isReloadingForNewBuild() };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    if (isStaleBuildError(error) && reloadForNewBuild()) {
      this.setState({ isReloading: true });
      return;
    }
    console.error('Plenum: the screen failed to render', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    if (this.state.isReloading) return <p className="page centred muted">{i18n.t('common.loading')}</p>;
    return (
      <main className="page centred" role="alert">
        <h1>{i18n.t('crash.heading')}</h1>
        <p>{i18n.t('crash.text')}</p>
        {/* The role's first view, not the one that failed: a view that cannot load stays behind. */}
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          {i18n.t('crash.reload')}
        </button>
      </main>
    );
  }
}
