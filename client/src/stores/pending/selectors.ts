import { isSessionControlCommand, type CommandInput } from '@plenum/shared';
import type { PendingCommand, PendingStoreState } from './initialState';

type PayloadOf<K extends CommandInput['type']> = Extract<CommandInput, { type: K }>['payload'];

/** A criticism still being sent, shown greyed until its event arrives. */
export interface PendingCriticism {
  commandId: string;
  draft: PayloadOf<'criticism:post'>;
}

function ofType<K extends CommandInput['type']>(
  byId: PendingStoreState['byId'],
  type: K,
): Array<PendingCommand & { command: Extract<CommandInput, { type: K }> }> {
  return Object.values(byId).filter(
    (e): e is PendingCommand & { command: Extract<CommandInput, { type: K }> } => e.command.type === type,
  );
}

/** Pure reads of the commands in flight; they return fresh values, so use them in `useMemo`. */
export const pendingSelectors = {
  /** Criticisms being posted to `itemId`, newest first (matching the list order). */
  criticismsOfItem: (byId: PendingStoreState['byId'], itemId: string): PendingCriticism[] =>
    ofType(byId, 'criticism:post')
      .filter((e) => e.command.payload.itemId === itemId)
      .map((e) => ({ commandId: e.commandId, draft: e.command.payload }))
      .reverse(),

  /** Criticism ids this client is endorsing right now. */
  endorsingIds: (byId: PendingStoreState['byId']): Set<string> =>
    new Set(ofType(byId, 'criticism:endorse').map((e) => e.command.payload.criticismId)),

  /** True while any floor command (notice, day, agenda item) is in flight: the chair waits for it. */
  isFloorBusy: (byId: PendingStoreState['byId']): boolean =>
    Object.values(byId).some((entry) => isSessionControlCommand(entry.command.type)),

  /** Days with an open, adjourn or reopen command in flight. */
  busyDayIds: (byId: PendingStoreState['byId']): Set<string> =>
    new Set(
      Object.values(byId).flatMap(({ command }) =>
        command.type === 'day:open' || command.type === 'day:adjourn' || command.type === 'day:reopen'
          ? [command.payload.dayId]
          : [],
      ),
    ),

  /** Agenda items with a floor command (start, open floor, close, defer, timer) in flight. */
  busyItemIds: (byId: PendingStoreState['byId']): Set<string> => {
    const ids = new Set<string>();
    for (const entry of Object.values(byId)) {
      const { command } = entry;
      const itemId = 'itemId' in command.payload ? command.payload.itemId : null;
      if (isSessionControlCommand(command.type) && itemId) ids.add(itemId);
    }
    return ids;
  },
};
