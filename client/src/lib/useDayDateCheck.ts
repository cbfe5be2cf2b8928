import { dayInTheWay, type SessionDay } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../stores/session';
import { refusalMessage } from './errorMessages';
import { useFormat } from './useFormat';

const noDays: readonly SessionDay[] = [];

/**
 * What stands in the way of moving `day` to a date, in words, or null when it may be sent: the
 * day it would pass, named (the server's refusal gives only the dates), or, for the first day,
 * the published notice it would come before. Every screen that moves one day checks with it;
 * one that also offers moving all days at once says `offersMoveAll`, so the words suggest it
 * only where it can be done.
 */
export function useDayDateCheck(day: SessionDay, offersMoveAll = false): (date: string) => string | null {
  const { t } = useTranslation();
  const format = useFormat();
  const days = useSessionStore((s) => s.session.definition?.days ?? noDays);
  const noticeDate = useSessionStore((s) => s.session.noticeDate);
  return (date) => {
    if (date === day.date) return null;
    const index = days.findIndex((d) => d.id === day.id);
    const inTheWay = dayInTheWay(days, index, date);
    if (inTheWay) {
      const words = offersMoveAll ? 'refusals.dayInTheWayOrMoveAll' : 'refusals.dayInTheWay';
      return t(words, { day: inTheWay.title, date: format.date(inTheWay.date) });
    }
    if (index === 0 && noticeDate !== null && date < noticeDate) {
      return refusalMessage({ kind: 'day-before-notice', field: 'date', noticeDate });
    }
    return null;
  };
}
