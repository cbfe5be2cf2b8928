import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../realtime/useCommand';
import { FloorConfirmation, type FloorConfirmationRequest } from './FloorConfirmation';
import { floorFailure, type FloorCommand } from './floorCommands';

/**
 * Sends the chair's floor commands, each refusal named by its target, and holds the one floor
 * action waiting for confirmation: `confirmation` is its dialog (or null) to render in place.
 */
export function useFloorCommand() {
  const { t } = useTranslation();
  const { run, error, dismissError } = useCommand();
  const [confirming, setConfirming] = useState<FloorConfirmationRequest | null>(null);

  // Stable, so memoised rows that take it render again only when their own data changes.
  const send = useCallback(
    (what: string, command: FloorCommand) => {
      void run(command, floorFailure(t, command.type, what));
    },
    [run, t],
  );

  const confirmation = confirming && (
    <FloorConfirmation
      request={confirming}
      onCancel={() => setConfirming(null)}
      onConfirm={(what, command) => {
        setConfirming(null);
        send(what, command);
      }}
    />
  );

  return { send, error, dismissError, isConfirming: confirming !== null, askConfirmation: setConfirming, confirmation };
}
