import { dayTimebox } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { useSessionState } from '../../stores/session';

/** The day's timeboxes against its hours, with a warning when they run past the planned end. */
export function DayTimebox({ dayId }: { dayId: string }) {
  const { t } = useTranslation();
  const { totalMinutes, availableMinutes, overrunMinutes } = useSessionState(dayTimebox, dayId);
  if (availableMinutes === null) {
    return (
      <p className="muted" data-testid={`day-timebox-${dayId}`}>
        {t('prepare.day.totalOnly', { count: totalMinutes })}
      </p>
    );
  }
  return (
    <p
      className={overrunMinutes > 0 ? 'prepare-warn' : 'muted'}
      role={overrunMinutes > 0 ? 'alert' : undefined}
      data-testid={`day-timebox-${dayId}`}
    >
      {t('prepare.day.total', { count: totalMinutes, available: availableMinutes })}
      {overrunMinutes > 0 && ` ${t('prepare.day.overrun', { count: overrunMinutes })}`}
    </p>
  );
}
