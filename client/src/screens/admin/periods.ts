import type { SessionSummary } from '@plenum/shared';

/** The quarter after `period` (`2026-Q4` → `2027-Q1`). */
export function nextPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  const quarter = Number(period.slice(6));
  return quarter >= 4 ? `${year + 1}-Q1` : `${year}-Q${quarter + 1}`;
}

/** The quarter `now` falls in. */
export function periodOf(now: Date): string {
  return `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
}

/** Sessions from the latest period back, the latest days first within a period. */
export function latestFirst(sessions: readonly SessionSummary[]): SessionSummary[] {
  return [...sessions].sort((a, b) => b.period.localeCompare(a.period) || b.lastDay.localeCompare(a.lastDay));
}

/** The period a new session most likely reviews: the one after the latest session's, else this quarter. */
export function suggestedPeriod(sessions: readonly SessionSummary[], now: Date): string {
  const latest = latestFirst(sessions)[0];
  return latest ? nextPeriod(latest.period) : periodOf(now);
}

/** The session a new one for `period` follows up: the latest of an earlier period. */
export function previousSessionFor(sessions: readonly SessionSummary[], period: string): SessionSummary | null {
  return latestFirst(sessions).find((session) => session.period < period) ?? null;
}
