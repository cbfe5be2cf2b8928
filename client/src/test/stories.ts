import type { CriticismCategory, Severity } from '@plenum/shared';
import { createSessionStore } from '../stores/session';
import { demoSession, ids, instant, type eventLog } from './events';

type Log = ReturnType<typeof eventLog>;

/** Item one (the North County Cement Works) is presenting, then its floor is open. */
export function floorOpen(log: Log): void {
  log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) });
  log.add('agenda:floor-opened', { itemId: ids.itemOne, openedAt: instant(200) });
}

/** A criticism of the unit on the floor (item one, unless `itemId` says another). */
export function criticise(
  log: Log,
  criticismId: string,
  options: { author?: string; text?: string; category?: CriticismCategory; severity?: Severity; itemId?: string } = {},
): void {
  log.add(
    'criticism:posted',
    {
      criticismId,
      itemId: options.itemId ?? ids.itemOne,
      unitId: ids.unit,
      category: options.category ?? 'shortfall',
      severity: options.severity ?? 'medium',
      indicatorId: null,
      text: options.text ?? `Criticism ${criticismId}.`,
    },
    options.author ?? ids.official,
  );
}

/** The id of the warning carried over from the previous period in `carriedWarning`. */
export const carriedWarningId = 'warn-q4';

/** The South County Dairy was warned last period; a second-review item on day one reviews it. */
export function carriedWarning(log: Log): void {
  log.add('warning:carried-over', {
    warning: {
      id: carriedWarningId,
      unitId: ids.otherUnit,
      status: 'open',
      fulfilment: 0.55,
      threshold: 0.7,
      note: 'Milk deliveries far under plan.',
      issuedAt: instant(-90 * 24 * 3600),
      sessionId: 'session-q4',
      period: '2025-Q4',
      decisionNote: null,
    },
    fromSessionId: 'session-q4',
  });
  log.add('agenda:item-added', {
    item: {
      id: 'item-review',
      dayId: ids.dayOne,
      unitId: ids.otherUnit,
      topic: 'Second review: South County Dairy',
      plannedMinutes: 10,
      warningId: carriedWarningId,
    },
    order: 2,
  });
}

/** The id of the directive issued in `directiveToUnit`. */
export const directiveId = 'dir-1';

/** The chair ordered the North County Cement Works to explain its shortfall, due `dueDate`. */
export function directiveToUnit(log: Log, dueDate = '2026-04-20'): void {
  log.add('directive:issued', {
    directiveId,
    kind: 'corrective-plan',
    assigneeUnitId: ids.unit,
    title: 'Plan to recover the cement shortfall',
    text: null,
    dueDate,
    fromCriticismId: null,
    orderedByUnitId: null,
    itemId: null,
  });
}

/** The chair makes criticism `crit-1` on item one an order to inspect the unit's kilns. */
export function kilnInspection(log: Log, directiveId: string) {
  return log.add('directive:issued', {
    directiveId,
    kind: 'inspection',
    assigneeUnitId: ids.unit,
    title: 'Inspect the kilns',
    text: null,
    dueDate: '2026-05-01',
    fromCriticismId: 'crit-1',
    orderedByUnitId: null,
    itemId: ids.itemOne,
  });
}

/** An inspector invited to the session. */
export const inspector = { id: 'p-inspector', name: 'Ivan Inspector', role: 'inspector', unitId: null } as const;

/** Invites `inspector`. */
export function inviteInspector(log: Log): void {
  log.add('participant:invited', { participant: { ...inspector } });
}

/** The session state folded from the demo log after `story`, as the app's store holds it. */
export function stateOf(story: (log: Log) => void = () => undefined) {
  const log = demoSession();
  story(log);
  const store = createSessionStore(ids.session);
  store.getState().applyEvents(log.events);
  return store.getState().session;
}
