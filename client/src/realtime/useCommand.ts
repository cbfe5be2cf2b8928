import type { CommandInput } from '@plenum/shared';
import { useCallback, useState } from 'react';
import { ackErrorMessage } from '../lib/errorMessages';
import { useRealtime } from './RealtimeContext';

/**
 * Sends commands from a control and keeps the last failure in words: `run` resolves true
 * when the server accepted the command, false (with `error` set) when it did not.
 * @example
 * const { run, error, dismissError } = useCommand();
 * void run({ type: 'floor:raise-hand', payload: {} }, t('floor.failed.raiseHand'));
 */
export function useCommand() {
  const { send } = useRealtime();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const run = useCallback(
    async (command: CommandInput, failure: string): Promise<boolean> => {
      setError(null);
      setIsBusy(true);
      try {
        const ack = await send(command);
        if (ack.ok) return true;
        setError(`${failure} ${ackErrorMessage(ack.error)}`);
        return false;
      } finally {
        setIsBusy(false);
      }
    },
    [send],
  );

  const dismissError = useCallback(() => setError(null), []);
  return { run, error, dismissError, isBusy };
}
