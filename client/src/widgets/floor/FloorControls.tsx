import { canIssue, canTransition, type AgendaItemState, type SessionDay, type SessionState } from '@plenum/shared';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { Kbd } from '../../components/Kbd';
import { topicIn } from '../../lib/itemTitle';
import { useShortcuts } from '../../lib/shortcuts';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { pendingSelectors, usePendingStore } from '../../stores/pending';
import { floorSelectors, sessionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { DeferForm } from './DeferForm';
import { useFloorCommand } from './useFloorCommand';
import './FloorControls.css';

/** The chair's one-key controls. Letters are the same in every language. */
export const chairShortcuts = {
  start: 'S',
  openFloor: 'F',
  close: 'C',
  defer: 'D',
  extend: 'E',
  pause: 'P',
  adjourn: 'A',
} as const;

/** Minutes added by one press of "extend". */
export const extendStepMinutes = 5;

/** The days an item may be deferred to; none without an item. */
function laterDaysOf(state: SessionState, item: AgendaItemState | null): SessionDay[] {
  return item ? sessionSelectors.laterDays(state, item) : [];
}

/**
 * The chair's floor controls for the item on the floor (and the next one), each with a
 * one-key shortcut that works anywhere on the screen except while typing. Closing the item and
 * adjourning the day ask first, naming what they would cut off.
 */
export function FloorControls() {
  const { t } = useTranslation();
  const headingId = useId();
  const deferId = useId();
  const { send: sendFloor, error, dismissError, isConfirming, askConfirmation, confirmation } = useFloorCommand();
  const status = useSessionStore((s) => s.session.status);
  const live = useSessionState(floorSelectors.liveItem);
  const next = useSessionState(floorSelectors.nextItem);
  const openDay = useSessionState(floorSelectors.openDay);
  const canAdjournOpenDay = useSessionStore((s) => floorSelectors.canAdjournOpenDay(s.session));
  const deferTarget = useSessionState(floorSelectors.deferrableItem);
  const laterDays = useSessionState(laterDaysOf, deferTarget);
  const pendingById = usePendingStore((s) => s.byId);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const [isDeferring, setIsDeferring] = useState(false);

  const isFloorBusy = useMemo(() => pendingSelectors.isFloorBusy(pendingById), [pendingById]);
  const isLocked = !canSend || isFloorBusy || !canIssue('chair', 'agenda:start-item', status);
  const isPaused = live !== null && live.timer.runningSince === null;

  const quoted = (item: AgendaItemState) => t('common.quoted', { text: topicIn(t, item) });

  const can = {
    start: !isLocked && next !== null,
    openFloor: !isLocked && live !== null && canTransition(live.status, 'floor-open'),
    close: !isLocked && live !== null,
    defer: !isLocked && deferTarget !== null && canTransition(deferTarget.status, 'deferred') && laterDays.length > 0,
    extend: !isLocked && live !== null,
    pause: !isLocked && live !== null,
    adjourn: !isLocked && openDay !== null && canAdjournOpenDay,
  };

  const act = {
    start: () => next && sendFloor(quoted(next), { type: 'agenda:start-item', payload: { itemId: next.id } }),
    openFloor: () => live && sendFloor(quoted(live), { type: 'agenda:open-floor', payload: { itemId: live.id } }),
    close: () => live && askConfirmation({ kind: 'close-item', itemId: live.id }),
    defer: () => setIsDeferring(true),
    extend: () =>
      live &&
      sendFloor(quoted(live), {
        type: 'agenda:extend-time',
        // The allotment this screen shows: if another tab extended it first, the server refuses
        // this one instead of adding the time twice.
        payload: {
          itemId: live.id,
          minutes: extendStepMinutes,
          expectedMinutes: live.plannedMinutes + live.timer.extraMinutes,
        },
      }),
    pause: () =>
      live &&
      sendFloor(quoted(live), {
        type: isPaused ? 'agenda:resume-timer' : 'agenda:pause-timer',
        payload: { itemId: live.id },
      }),
    adjourn: () => openDay && askConfirmation({ kind: 'adjourn-day', dayId: openDay.id }),
  };

  type Control = keyof typeof chairShortcuts;
  const shortcutHandlers = Object.fromEntries(
    (Object.keys(chairShortcuts) as Control[]).map((control) => [
      chairShortcuts[control],
      () => {
        if (!can[control]) return false;
        act[control]();
        return true;
      },
    ]),
  );
  useShortcuts(shortcutHandlers, !isConfirming);

  const button = (control: Control, label: string, testId: string, primary = false) => (
    <button
      type="button"
      className={primary ? 'button button--primary' : 'button'}
      data-testid={testId}
      aria-keyshortcuts={chairShortcuts[control]}
      disabled={!can[control]}
      onClick={() => act[control]()}
    >
      {label} <Kbd>{chairShortcuts[control]}</Kbd>
    </button>
  );

  return (
    <section className="floor-controls" aria-labelledby={headingId} data-testid="floor-controls">
      <h3 id={headingId} className="floor-controls__heading">
        {t('controls.heading')}
      </h3>
      <p className="muted">
        {live
          ? t('controls.onFloor', { topic: topicIn(t, live) })
          : next
            ? t('controls.next', { topic: topicIn(t, next) })
            : openDay
              ? t('controls.nothingNext')
              : t('controls.noDayOpen')}
      </p>
      <ErrorNote message={error} onDismiss={dismissError} />
      <div className="floor-controls__buttons">
        {button('start', t('controls.start'), 'start-next-item', !live)}
        {button('openFloor', t('controls.openFloor'), 'open-floor-current', live?.status === 'presenting')}
        {button('close', t('controls.close'), 'close-current')}
        {button('defer', t('controls.defer'), 'defer-current')}
        {button('extend', t('controls.extend', { count: extendStepMinutes }), 'extend-time')}
        {button(
          'pause',
          isPaused ? t('controls.resume') : t('controls.pause'),
          isPaused ? 'resume-timer' : 'pause-timer',
        )}
        {button('adjourn', t('controls.adjourn'), 'adjourn-open-day')}
      </div>
      {isDeferring && deferTarget && laterDays.length > 0 && (
        <div className="floor-controls__defer">
          <p>{t('controls.deferWhich', { topic: topicIn(t, deferTarget) })}</p>
          <DeferForm
            id={deferId}
            autoFocus
            laterDays={laterDays}
            isLocked={isLocked}
            onCancel={() => setIsDeferring(false)}
            onDefer={(toDayId) => {
              setIsDeferring(false);
              sendFloor(quoted(deferTarget), {
                type: 'agenda:defer-item',
                payload: { itemId: deferTarget.id, toDayId },
              });
            }}
          />
        </div>
      )}
      {confirmation}
      <p className="shortcut-help muted" id={`${headingId}-help`}>
        {t('controls.help')}
      </p>
    </section>
  );
}
