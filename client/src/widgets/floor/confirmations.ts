import {
  adjournDayBlocker,
  awaitsRuling,
  dayById,
  dayTitle,
  isItemLive,
  itemsOfDay,
  liveItem,
  openDayBlocker,
  openDayId,
  type SessionState,
} from '@plenum/shared';
import type { TFunction } from 'i18next';
import type { ConfirmationText } from '../../components/ConfirmDialog';
import { topicIn } from '../../lib/itemTitle';
import { sessionSelectors } from '../../stores/session';

/**
 * The confirmation before the chair closes an item: who is cut off mid-speech, how many hands
 * are raised, how many criticisms of the item (hidden ones aside) are not ruled on, and, for a
 * second review, the unit's warning if it is still neither lifted nor escalated.
 */
export function closeItemConfirmation(t: TFunction, state: SessionState, itemId: string): ConfirmationText {
  const item = state.agenda[itemId];
  const losses: string[] = [];
  const speaker = state.floor.speaker;
  if (speaker?.itemId === itemId) {
    const name = sessionSelectors.participantName(state, speaker.participantId) ?? t('common.aParticipant');
    losses.push(t('confirm.close.speaking', { name }));
  }
  if (state.currentItemId === itemId && state.floor.queue.length > 0) {
    losses.push(t('confirm.close.queue', { count: state.floor.queue.length }));
  }
  const unruled = sessionSelectors.criticismsOfItem(state, itemId).filter(awaitsRuling).length;
  if (unruled > 0) losses.push(t('confirm.close.unruled', { count: unruled }));
  // The item exists to decide this warning, yet closing it does not: the decision stays open
  // (lift and escalate need only the session in session), so say where it is taken later.
  const warning = item?.warningId ? state.warnings[item.warningId] : undefined;
  if (warning?.status === 'open') {
    const unit = state.units[warning.unitId]?.name ?? warning.unitId;
    losses.push(t('confirm.close.warningOpen', { unit, period: warning.period }));
  }
  return {
    title: t('confirm.close.title', { topic: item ? topicIn(t, item) : itemId }),
    losses: losses.length > 0 ? losses : [t('confirm.close.nothing')],
    undo: t('confirm.close.undo'),
    confirmLabel: t('confirm.close.confirm'),
  };
}

/**
 * The confirmation before the chair adjourns a day: the items of it that were never presented,
 * each by its topic (a unit may have two items on a day, e.g. its report and the second review
 * of its warning, so its name alone cannot tell them apart).
 */
export function adjournDayConfirmation(t: TFunction, state: SessionState, dayId: string): ConfirmationText {
  const neverPresented = itemsOfDay(state, dayId).filter((item) => item.status === 'pending');
  const items = neverPresented.map((item) => t('common.quoted', { text: topicIn(t, item) })).join(', ');
  return {
    title: t('confirm.adjourn.title', { day: dayTitle(state, dayId) }),
    losses:
      neverPresented.length > 0
        ? [t('confirm.adjourn.neverPresented', { count: neverPresented.length, items })]
        : [t('confirm.adjourn.nothing')],
    undo: t('confirm.adjourn.undo'),
    confirmLabel: t('confirm.adjourn.confirm'),
  };
}

/**
 * The confirmation before the chair opens a day on another date than its own (`today` is the
 * chair's local date): the record will say it opened today, and an opened day cannot be moved.
 */
export function openDayConfirmation(
  t: TFunction,
  state: SessionState,
  dayId: string,
  today: string,
  formatDate: (date: string) => string,
): ConfirmationText {
  const day = dayById(state, dayId);
  const title = dayTitle(state, dayId);
  const todayWords = formatDate(today);
  return {
    title: t('confirm.openDay.title', { day: title }),
    losses: [
      t('confirm.openDay.otherDate', { day: title, date: day ? formatDate(day.date) : '', today: todayWords }),
      t('confirm.openDay.record', { today: todayWords }),
    ],
    undo: t('confirm.openDay.undo'),
    confirmLabel: t('confirm.openDay.confirm'),
  };
}

/**
 * What changed meanwhile (perhaps from another chair screen) so that closing the item no longer
 * applies, as the one line its confirmation says instead: it was closed, deferred or is gone.
 * Null while the item is live and the chair may still confirm.
 */
export function closeItemOutdated(t: TFunction, state: SessionState, itemId: string): string | null {
  const item = state.agenda[itemId];
  if (!item) return t('confirm.outdated.gone');
  if (isItemLive(item.status)) return null;
  const topic = topicIn(t, item);
  if (item.status === 'closed') return t('confirm.outdated.closed', { topic });
  if (item.status === 'deferred') return t('confirm.outdated.deferred', { topic });
  return t('confirm.outdated.notLive', { topic });
}

/**
 * What changed meanwhile so that adjourning the day no longer applies (see {@link closeItemOutdated}):
 * it was adjourned, is not open, or an item of it was started.
 */
export function adjournDayOutdated(t: TFunction, state: SessionState, dayId: string): string | null {
  const blocker = adjournDayBlocker(state, dayId);
  if (blocker === null) return null;
  if (blocker === 'not-found') return t('confirm.outdated.gone');
  const day = dayTitle(state, dayId);
  const live = liveItem(state);
  if (blocker === 'item-live' && live) return t('confirm.outdated.itemStarted', { topic: topicIn(t, live), day });
  return state.days[dayId]?.status === 'adjourned'
    ? t('confirm.outdated.adjourned', { day })
    : t('confirm.outdated.notOpen', { day });
}

/**
 * What changed meanwhile so that opening the day no longer applies (see {@link closeItemOutdated}):
 * it was opened (and perhaps adjourned), or another day was opened.
 */
export function openDayOutdated(t: TFunction, state: SessionState, dayId: string): string | null {
  const blocker = openDayBlocker(state, dayId);
  if (blocker === null) return null;
  if (blocker === 'not-found') return t('confirm.outdated.gone');
  const day = dayTitle(state, dayId);
  const other = openDayId(state);
  if (blocker === 'another-day-open' && other !== null) {
    return t('confirm.outdated.otherDayOpened', { other: dayTitle(state, other), day });
  }
  return state.days[dayId]?.status === 'adjourned'
    ? t('confirm.outdated.openedAndAdjourned', { day })
    : t('confirm.outdated.opened', { day });
}
