/**
 * Milliseconds left in a slot, from the absolute server time it started, its planned length
 * and the server's current time (the client adds its clock offset to its own clock).
 * Negative when the slot overran.
 */
export function remainingMs(startedAt: string, plannedMinutes: number, serverNowMs: number): number {
  return Date.parse(startedAt) + plannedMinutes * 60_000 - serverNowMs;
}

/** `m:ss` for a remaining time, with a leading minus when overrun. */
export function formatRemaining(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  return `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
