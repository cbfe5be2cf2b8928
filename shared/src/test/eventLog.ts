import { defaultThresholds, type NewEvent, type SessionEvent } from '../protocol/index.js';

/** Gives test events their envelope: dense `seq` from `firstSeq`, a fixed time and actor. */
export function logOf(
  events: readonly NewEvent[],
  options: { firstSeq?: number; actorId?: string } = {},
): SessionEvent[] {
  const firstSeq = options.firstSeq ?? 1;
  return events.map((event, i) => ({
    ...event,
    seq: firstSeq + i,
    sessionId: 's1',
    at: '2026-04-13T09:00:00.000Z',
    actorId: options.actorId ?? 'chair-1',
  }));
}

export const created: NewEvent = {
  type: 'session:created',
  payload: {
    title: 'Q1 review',
    period: '2026-Q1',
    organisation: 'Province',
    days: [
      { id: 'd1', date: '2026-04-13', title: 'Day 1' },
      { id: 'd2', date: '2026-04-14', title: 'Day 2' },
    ],
    thresholds: defaultThresholds,
    conferenceLink: null,
    createdAt: '2026-04-01T00:00:00.000Z',
    organiserUnitId: null,
    previousSessionId: null,
  },
};
