import type { CommandInput, Issue } from '@plenum/shared';
import { useCallback, useState } from 'react';
import { ackErrorText } from '../lib/ackErrorText';
import { useRealtime } from './RealtimeContext';

/** Where a command's payload sits in the request the schema checks at the boundary. */
const payloadPrefix = /^command\.payload\./;

/** What the last refusal named: its issues, and the fields they and a typed refusal mark. */
interface Refused {
  issues: readonly Issue[];
  fields: readonly string[];
}

const nothingRefused: Refused = { issues: [], fields: [] };

/**
 * Sends commands from a control and keeps the last failure in words: `run` resolves true
 * when the server accepted the command, false (with `error` set) when it did not.
 * `fields` names the payload fields the server refused (as paths within the payload, whether
 * the schema or the domain refused them, or the field a typed refusal names), so a form can
 * mark them; `issues` are the refused fields with why, at those paths, for a form that says why
 * beside each.
 * @example
 * const { run, error, dismissError } = useCommand();
 * void run({ type: 'floor:raise-hand', payload: {} }, t('floor.failed.raiseHand'));
 */
export function useCommand() {
  const { send } = useRealtime();
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<Refused>(nothingRefused);
  const [isBusy, setIsBusy] = useState(false);

  const run = useCallback(
    async (command: CommandInput, failure: string): Promise<boolean> => {
      setError(null);
      setRefused(nothingRefused);
      setIsBusy(true);
      try {
        const ack = await send(command);
        if (ack.ok) return true;
        // A refusal's words may have to be fetched: its fields are marked once it is said, not before.
        const said = await ackErrorText(ack.error);
        setError(`${failure} ${said}`);
        const refusal = 'refusal' in ack.error ? ack.error.refusal : undefined;
        const issues = ('issues' in ack.error ? (ack.error.issues ?? []) : []).map((issue) => ({
          ...issue,
          path: issue.path.replace(payloadPrefix, ''),
        }));
        const fields = [
          ...issues.map((issue) => issue.path),
          ...(refusal && 'field' in refusal ? [refusal.field] : []),
        ];
        setRefused({ issues, fields });
        return false;
      } finally {
        setIsBusy(false);
      }
    },
    [send],
  );

  const dismissError = useCallback(() => {
    setError(null);
    setRefused(nothingRefused);
  }, []);
  return { run, error, fields: refused.fields, issues: refused.issues, dismissError, isBusy };
}
