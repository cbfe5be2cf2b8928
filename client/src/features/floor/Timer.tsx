import { formatRemaining, isLive, remainingMs, type AgendaItemState } from '@plenum/shared';
import { useServerNow } from '../../lib/useServerNow';

interface TimerProps {
  item: AgendaItemState;
  size?: 'normal' | 'large';
}

/**
 * Time left in a live item's slot, from the item's clock (absolute server times, pauses and
 * extensions included) and the server's current time, so every screen shows the same.
 */
export function Timer({ item, size = 'normal' }: TimerProps) {
  const serverNow = useServerNow();
  const plannedMinutes = item.plannedMinutes + item.timer.extraMinutes;
  if (!isLive(item.status)) {
    return <p className="timer timer--idle">{plannedMinutes} min planned</p>;
  }
  const left = remainingMs(item.timer, item.plannedMinutes, serverNow);
  const isOverrun = left < 0;
  const isPaused = item.timer.runningSince === null;
  const label = isPaused ? 'Paused, time left' : isOverrun ? 'Over time by' : 'Time left';
  return (
    <div className={`timer timer--${size}`} data-testid="timer" data-overrun={isOverrun} data-paused={isPaused}>
      <span className="timer__label">{isOverrun && isPaused ? 'Paused, over time by' : label}</span>
      <span className="timer__value" role="timer">
        {formatRemaining(Math.abs(left))}
      </span>
      {item.timer.extraMinutes > 0 && <span className="muted">(+{item.timer.extraMinutes} min given)</span>}
    </div>
  );
}
