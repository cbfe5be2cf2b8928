import { lazy, useReducer, type ComponentType, type JSX, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import { isBuildReplaced, isStaleBuildError } from './staleBuild';

/** What each load renders: the piece with the props it was given, or why it could not be loaded. */
type Attempt<TProps> = LazyExoticComponent<ComponentType<{ props: TProps; onRetry: () => void }>>;

interface LazyWithRetryOptions<TProps> {
  /** What closes the piece, offered beside "Try again" when it could not be loaded (its own cancel, say). */
  cancelOf?: (props: TProps) => (() => void) | undefined;
}

/**
 * `React.lazy` for a piece loaded on its first use, whose failed load can be tried again: offline
 * or on a dropped connection, it says where the piece would be that it could not be loaded, and
 * "Try again" loads it anew (`React.lazy` keeps a failed load for good). A chunk of a replaced
 * build still fails, for the screen's error boundary to reload onto the new build. Render it
 * inside `Suspense`, as a lazy component.
 * @example
 * const FloorConfirmation = lazyWithRetry(() => import('./FloorConfirmation').then((m) => m.FloorConfirmation));
 */
export function lazyWithRetry<TProps extends object>(
  load: () => Promise<ComponentType<TProps>>,
  { cancelOf }: LazyWithRetryOptions<TProps> = {},
): (props: TProps) => JSX.Element {
  const attempt = (): Attempt<TProps> =>
    lazy(() =>
      load().then(
        (Piece) => ({ default: ({ props }) => <Piece {...props} /> }),
        async (error: unknown) => {
          if (!isStaleBuildError(error) || (await isBuildReplaced())) throw error;
          return {
            default: ({ props, onRetry }) => <LoadFailure onRetry={onRetry} onCancel={cancelOf?.(props)} />,
          };
        },
      ),
    );
  let current = attempt();
  // Every instance shares the latest load: one that failed is replaced once, whichever asks first.
  const retry = (failed: Attempt<TProps>) => {
    if (failed === current) current = attempt();
  };

  return function LazyWithRetry(props: TProps) {
    const [, rerender] = useReducer((count: number) => count + 1, 0);
    const Current = current;
    return (
      <Current
        props={props}
        onRetry={() => {
          retry(Current);
          rerender();
        }}
      />
    );
  };
}

function LoadFailure({ onRetry, onCancel }: { onRetry: () => void; onCancel: (() => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="form-error" role="alert" data-testid="load-failed">
      <p>{t('common.loadFailed')}</p>
      <button type="button" className="button button--small" onClick={onRetry}>
        {t('connection.tryAgain')}
      </button>
      {onCancel && (
        <button type="button" className="button button--small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
    </div>
  );
}
