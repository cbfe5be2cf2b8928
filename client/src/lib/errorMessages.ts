import type { ErrorCode, Refusal } from '@plenum/shared';
import { i18n } from '../i18n';
import type { ClientErrorCode } from '../stores/connection';
import { formatDate, formatTime } from './format';

/**
 * What an error code from an ack, a handshake or this client means for the person at the
 * screen, and what they can do about it, in the current language (`errors.*` of the locales).
 */
export function errorMessage(code: ErrorCode | ClientErrorCode): string {
  return i18n.t(`errors.${code}`);
}

/** The real reason of a typed refusal and what to change, in the current language (`refusals.*`). */
export function refusalMessage(refusal: Refusal): string {
  switch (refusal.kind) {
    case 'time-already-extended':
      return refusal.endsAt === null
        ? i18n.t('refusals.timeAlreadyExtendedPaused', { count: refusal.allottedMinutes })
        : i18n.t('refusals.timeAlreadyExtended', { time: formatTime(refusal.endsAt), count: refusal.allottedMinutes });
    case 'notice-after-first-day':
      return i18n.t('refusals.noticeAfterFirstDay', {
        noticeDate: formatDate(refusal.noticeDate),
        firstDay: formatDate(refusal.firstDay),
      });
    case 'day-out-of-order':
      if (refusal.after !== null && refusal.before !== null) {
        return i18n.t('refusals.dayBetween', { after: formatDate(refusal.after), before: formatDate(refusal.before) });
      }
      return refusal.after !== null
        ? i18n.t('refusals.dayAfter', { after: formatDate(refusal.after) })
        : i18n.t('refusals.dayBefore', { before: formatDate(refusal.before ?? '') });
    case 'day-before-notice':
      return i18n.t('refusals.dayBeforeNotice', { noticeDate: formatDate(refusal.noticeDate) });
  }
}

/** A failed ack in words: its real reason when the server gave one, else what its code means. */
export function ackErrorMessage(error: { code: ErrorCode | ClientErrorCode; refusal?: Refusal }): string {
  return error.refusal ? refusalMessage(error.refusal) : errorMessage(error.code);
}
