import { Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withWords } from '../../i18n';
import { useCommand } from '../../realtime/useCommand';
import { lazyWithRetry } from '../../shell/lazyWithRetry';
import type { FloorConfirmationRequest } from './FloorConfirmation';
import { useClearOnFloorMove } from './useClearOnFloorMove';

const FloorConfirmation = lazyWithRetry(
  () => withWords(['confirm'], import('./FloorConfirmation')).then((m) => m.FloorConfirmation),
  { cancelOf: (props) => props.onCancel },
);
import { floorFailure, type FloorCommand } from './floorCommands';

/**
 * Sends the chair's floor commands, each refusal named by its target, and holds the one floor
 * action waiting for confirmation: `confirmation` is its dialog (or null) to render in place.
 * A refusal says why the floor could not move as it stood: it goes once the floor moves on.
 */
export function useFloorCommand() {
  const { t } = useTranslation();
  const { run, error, dismissError } = useCommand();
  const [confirming, setConfirming] = useState<FloorConfirmationRequest | null>(null);
  useClearOnFloorMove(dismissError);

  // Stable, so memoised rows that take it render again only when their own data changes.
  const send = useCallback(
    (what: string, command: FloorCommand) => {
      void run(command, floorFailure(t, command.type, what));
    },
    [run, t],
  );

  const confirmation = confirming && (
    <Suspense fallback={null}>
      <FloorConfirmation
        request={confirming}
        onCancel={() => setConfirming(null)}
        onConfirm={(what, command) => {
          setConfirming(null);
          send(what, command);
        }}
      />
    </Suspense>
  );

  return { send, error, dismissError, isConfirming: confirming !== null, askConfirmation: setConfirming, confirmation };
}
