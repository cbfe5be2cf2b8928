import { dayTitle, type SessionState } from '@plenum/shared';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog, type ConfirmationText } from '../../components/ConfirmDialog';
import { topicIn } from '../../lib/itemTitle';
import { useFormat } from '../../lib/useFormat';
import { useSessionState } from '../../stores/session';
import {
  adjournDayConfirmation,
  adjournDayOutdated,
  closeItemConfirmation,
  closeItemOutdated,
  openDayConfirmation,
  openDayOutdated,
} from './confirmations';
import type { FloorCommand } from './floorCommands';

/**
 * A floor action that cuts something off or leaves a lasting mark, waiting for the chair to
 * confirm it. `today` (YYYY-MM-DD) of opening a day is the chair's date when they asked.
 */
export type FloorConfirmationRequest =
  | { kind: 'close-item'; itemId: string }
  | { kind: 'adjourn-day'; dayId: string }
  | { kind: 'open-day'; dayId: string; today: string };

interface FloorConfirmationProps {
  request: FloorConfirmationRequest;
  /** Sends the confirmed command (`what` names its target for a refusal). */
  onConfirm: (what: string, command: FloorCommand) => void;
  onCancel: () => void;
}

/**
 * What the dialog of a request says and sends, from the state now; `outdated` says what changed
 * meanwhile when the request no longer applies (null while it does).
 */
function confirmationOf(
  state: SessionState,
  t: TFunction,
  request: FloorConfirmationRequest,
  formatDate: (date: string) => string,
): { text: ConfirmationText; outdated: string | null; target: string; command: FloorCommand; testId: string } {
  switch (request.kind) {
    case 'close-item': {
      const item = state.agenda[request.itemId];
      return {
        text: closeItemConfirmation(t, state, request.itemId),
        outdated: closeItemOutdated(t, state, request.itemId),
        target: item ? topicIn(t, item) : request.itemId,
        command: { type: 'agenda:close-item', payload: { itemId: request.itemId } },
        testId: 'confirm-close-item',
      };
    }
    case 'adjourn-day':
      return {
        text: adjournDayConfirmation(t, state, request.dayId),
        outdated: adjournDayOutdated(t, state, request.dayId),
        target: dayTitle(state, request.dayId),
        command: { type: 'day:adjourn', payload: { dayId: request.dayId } },
        testId: 'confirm-adjourn-day',
      };
    case 'open-day':
      return {
        text: openDayConfirmation(t, state, request.dayId, request.today, formatDate),
        outdated: openDayOutdated(t, state, request.dayId),
        target: dayTitle(state, request.dayId),
        command: { type: 'day:open', payload: { dayId: request.dayId } },
        testId: 'confirm-open-day',
      };
  }
}

/**
 * Asks before closing an item, adjourning a day or opening one off its date, naming what would
 * follow. It follows the live state: once the request no longer applies (done from another
 * screen, say), it tells what changed and offers only to dismiss it.
 */
export function FloorConfirmation({ request, onConfirm, onCancel }: FloorConfirmationProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { text, outdated, target, command, testId } = useSessionState(confirmationOf, t, request, format.date);
  // Outdated once, outdated until dismissed: were the item reopened meanwhile, the Enter that
  // meant to dismiss must not close it. Adjusted while rendering, so no stale frame shows.
  const [wasOutdated, setWasOutdated] = useState<string | null>(null);
  if (outdated !== null && outdated !== wasOutdated) setWasOutdated(outdated);
  const change = outdated ?? wasOutdated;
  const quoted = (text: string) => t('common.quoted', { text });

  // The same dialog either way: turning outdated keeps it mounted, with the opener it gives the focus back to.
  return change === null ? (
    <ConfirmDialog
      title={text.title}
      lines={text.losses}
      note={text.undo}
      confirmLabel={text.confirmLabel}
      testId={testId}
      onCancel={onCancel}
      onConfirm={() => onConfirm(quoted(target), command)}
    />
  ) : (
    <ConfirmDialog title={t('confirm.outdated.title')} lines={[change]} testId={testId} onCancel={onCancel} />
  );
}
