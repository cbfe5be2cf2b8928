import type { CommandInput, SessionControlCommandType } from '@plenum/shared';
import type { TFunction } from 'i18next';

/** The chair's commands that move the session along; they wait for the server (never optimistic). */
export type FloorCommand = Extract<CommandInput, { type: SessionControlCommandType }>;

/** How a refused floor command reads, e.g. "Could not start “Cement output”." */
export function floorFailure(t: TFunction, type: FloorCommand['type'], what: string): string {
  switch (type) {
    case 'session:publish-notice':
      return t('agenda.failed.publishNotice');
    case 'session:close':
      return t('agenda.failed.closeSession');
    case 'day:reschedule':
      return t('agenda.failed.rescheduleDay', { what });
    case 'session:reschedule-days':
      return t('agenda.failed.rescheduleDays');
    case 'day:open':
      return t('agenda.failed.openDay', { what });
    case 'day:adjourn':
      return t('agenda.failed.adjournDay', { what });
    case 'day:reopen':
      return t('agenda.failed.reopenDay', { what });
    case 'agenda:start-item':
      return t('agenda.failed.start', { what });
    case 'agenda:open-floor':
      return t('agenda.failed.openFloor', { what });
    case 'agenda:close-item':
      return t('agenda.failed.close', { what });
    case 'agenda:reopen-item':
      return t('agenda.failed.reopenItem', { what });
    case 'agenda:defer-item':
      return t('agenda.failed.defer', { what });
    case 'agenda:pause-timer':
      return t('agenda.failed.pause', { what });
    case 'agenda:resume-timer':
      return t('agenda.failed.resume', { what });
    case 'agenda:extend-time':
      return t('agenda.failed.extend', { what });
  }
}
