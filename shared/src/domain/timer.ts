import type { ItemTimer } from './state.js';

/**
 * Milliseconds left in a slot, from its clock (absolute server times), its planned length and
 * the server's current time (a client adds its clock offset to its own clock). Negative when
 * the slot overran.
 */
export function remainingMs(timer: ItemTimer, plannedMinutes: number, serverNowMs: number): number {
  const running = timer.runningSince === null ? 0 : Math.max(0, serverNowMs - Date.parse(timer.runningSince));
  return (plannedMinutes + timer.extraMinutes) * 60_000 - timer.elapsedMs - running;
}

/** When the slot's time runs out, ISO 8601, while its clock runs; null while it is paused. */
export function endsAt(timer: ItemTimer, plannedMinutes: number): string | null {
  if (timer.runningSince === null) return null;
  const since = Date.parse(timer.runningSince);
  return new Date(since + remainingMs(timer, plannedMinutes, since)).toISOString();
}

/** `m:ss` for a remaining time, with a leading minus when overrun. */
export function formatRemaining(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  return `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
