import { awaitsRuling, criticismsInOrder, isDirectiveOpen, itemsOfDay, type SessionState } from '@plenum/shared';
import type { TFunction } from 'i18next';
import type { ConfirmationText } from '../../components/ConfirmDialog';
import { topicIn } from '../../lib/itemTitle';

/** Items named one by one in a line; the rest are counted. */
const namedItems = 5;

/**
 * The confirmation before the chair closes the session, which cannot be undone: the days never
 * opened, the items of the days held that were never presented, the criticisms not ruled on,
 * the earlier periods' warnings not decided on;
 * and, said after them, that the record becomes final and what carries into the next period.
 */
export function closeSessionConfirmation(t: TFunction, state: SessionState): ConfirmationText {
  const losses: string[] = [];
  const days = state.definition?.days ?? [];
  for (const day of days) {
    if (state.days[day.id]?.status !== 'scheduled') continue;
    const count = itemsOfDay(state, day.id).filter((item) => item.status === 'pending').length;
    losses.push(
      count > 0
        ? t('confirm.closeSession.dayNeverOpened', { day: day.title, count })
        : t('confirm.closeSession.dayNeverOpenedEmpty', { day: day.title }),
    );
  }
  const neverPresented = days
    .filter((day) => state.days[day.id]?.status !== 'scheduled')
    .flatMap((day) => itemsOfDay(state, day.id))
    .filter((item) => item.status === 'pending');
  if (neverPresented.length > 0) {
    const named = neverPresented.slice(0, namedItems).map((item) => t('common.quoted', { text: topicIn(t, item) }));
    const rest = neverPresented.length - named.length;
    losses.push(
      t('confirm.closeSession.neverPresented', {
        count: neverPresented.length,
        items:
          rest > 0 ? t('confirm.closeSession.andMore', { items: named.join(', '), count: rest }) : named.join(', '),
      }),
    );
  }
  const unruled = criticismsInOrder(state).filter(awaitsRuling).length;
  if (unruled > 0) losses.push(t('confirm.closeSession.unruled', { count: unruled }));
  // A warning carried in for its second review that was neither lifted nor escalated.
  const undecided = state.warningOrder
    .map((id) => state.warnings[id]!)
    .filter((warning) => warning.carriedFromSessionId !== null && warning.status === 'open');
  if (undecided.length > 0) {
    const units = undecided.map((w) =>
      t('confirm.closeSession.warnedUnit', { unit: state.units[w.unitId]?.name ?? w.unitId, period: w.period }),
    );
    losses.push(t('confirm.closeSession.warningsUndecided', { count: undecided.length, units: units.join(', ') }));
  }
  const open = state.directiveOrder.filter((id) => {
    const directive = state.directives[id];
    return directive !== undefined && isDirectiveOpen(directive);
  }).length;
  return {
    title: t('confirm.closeSession.title', { title: state.definition?.title ?? state.sessionId }),
    losses: losses.length > 0 ? losses : [t('confirm.closeSession.nothing')],
    undo: [
      t('confirm.closeSession.final'),
      ...(open > 0 ? [t('confirm.closeSession.openDirectives', { count: open })] : []),
    ].join(' '),
    confirmLabel: t('decisions.close.confirm'),
  };
}
