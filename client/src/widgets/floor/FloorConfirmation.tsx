import type { SessionState } from '@plenum/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ConfirmationDialog } from '../../components/ConfirmDialog';
import { useSessionState } from '../../stores/session';
import { adjournDayConfirmation, closeItemConfirmation } from './confirmations';
import type { FloorCommand } from './floorCommands';

/** A floor action that cuts something off, waiting for the chair to confirm it. */
export type FloorConfirmationRequest = { kind: 'close-item'; itemId: string } | { kind: 'adjourn-day'; dayId: string };

interface FloorConfirmationProps {
  request: FloorConfirmationRequest;
  /** Sends the confirmed command (`what` names its target for a refusal). */
  onConfirm: (what: string, command: FloorCommand) => void;
  onCancel: () => void;
}

/** What the dialog of a request says and sends, from the state now. */
function confirmationOf(state: SessionState, t: TFunction, request: FloorConfirmationRequest) {
  return request.kind === 'close-item'
    ? {
        text: closeItemConfirmation(t, state, request.itemId),
        target: state.agenda[request.itemId]?.topic ?? request.itemId,
        command: { type: 'agenda:close-item', payload: { itemId: request.itemId } } satisfies FloorCommand,
        testId: 'confirm-close-item',
      }
    : {
        text: adjournDayConfirmation(t, state, request.dayId),
        target: state.definition?.days.find((d) => d.id === request.dayId)?.title ?? request.dayId,
        command: { type: 'day:adjourn', payload: { dayId: request.dayId } } satisfies FloorCommand,
        testId: 'confirm-adjourn-day',
      };
}

/** Asks before closing an item or adjourning a day, naming what the action would cut off. */
export function FloorConfirmation({ request, onConfirm, onCancel }: FloorConfirmationProps) {
  const { t } = useTranslation();
  const { text, target, command, testId } = useSessionState(confirmationOf, t, request);
  const quoted = (text: string) => t('common.quoted', { text });

  return (
    <ConfirmationDialog
      text={text}
      testId={testId}
      onCancel={onCancel}
      onConfirm={() => onConfirm(quoted(target), command)}
    />
  );
}
