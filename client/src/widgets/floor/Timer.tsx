import { formatRemaining, isItemLive, remainingMs, type AgendaItemState } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { useServerNow } from '../../lib/useServerNow';
import './Timer.css';

interface TimerProps {
  item: AgendaItemState;
  size?: 'normal' | 'large';
}

/**
 * Time left in a live item's slot, from the item's clock (absolute server times, pauses and
 * extensions included) and the server's current time, so every screen shows the same.
 */
export function Timer({ item, size = 'normal' }: TimerProps) {
  const { t } = useTranslation();
  const serverNow = useServerNow();
  const plannedMinutes = item.plannedMinutes + item.timer.extraMinutes;
  if (!isItemLive(item.status)) {
    return <p className="timer timer--idle">{t('timer.planned', { count: plannedMinutes })}</p>;
  }
  const left = remainingMs(item.timer, item.plannedMinutes, serverNow);
  const isOverrun = left < 0;
  const isPaused = item.timer.runningSince === null;
  const label = isPaused
    ? isOverrun
      ? t('timer.pausedOver')
      : t('timer.pausedLeft')
    : isOverrun
      ? t('timer.over')
      : t('timer.left');
  return (
    <div className={`timer timer--${size}`} data-testid="timer" data-overrun={isOverrun} data-paused={isPaused}>
      <span className="timer__label">
        {isPaused && (
          <span className="timer__icon" aria-hidden="true">
            ❚❚{' '}
          </span>
        )}
        {label}
      </span>
      <span className="timer__value" role="timer">
        {formatRemaining(Math.abs(left))}
      </span>
      {item.timer.extraMinutes > 0 && (
        <span className="muted">{t('timer.extended', { count: item.timer.extraMinutes })}</span>
      )}
    </div>
  );
}
