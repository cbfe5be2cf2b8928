import type { EventType, Participant, PresenceEntry, SavedState, SessionEvent, SessionEventOf } from '@plenum/shared';

/** Ids used across the client tests. */
export const ids = {
  session: 'session-1',
  dayOne: 'day-1',
  dayTwo: 'day-2',
  unit: 'unit-north',
  otherUnit: 'unit-south',
  itemOne: 'item-1',
  itemTwo: 'item-2',
  chair: 'p-chair',
  official: 'p-official',
  otherOfficial: 'p-official-2',
  presenter: 'p-presenter',
  observer: 'p-observer',
} as const;

export const participants = {
  chair: { id: ids.chair, name: 'Anna Chair', role: 'chair', unitId: null },
  official: { id: ids.official, name: 'Oleg Official', role: 'official', unitId: null },
  otherOfficial: { id: ids.otherOfficial, name: 'Olga Official', role: 'official', unitId: null },
  presenter: { id: ids.presenter, name: 'Pavel Presenter', role: 'presenter', unitId: ids.unit },
  observer: { id: ids.observer, name: 'Room screen', role: 'observer', unitId: null },
} satisfies Record<string, Participant>;

/** Minutes after 09:00 UTC on the first day, as an instant. */
export function instant(seconds: number): string {
  return new Date(Date.UTC(2026, 3, 1, 9, 0, 0) + seconds * 1000).toISOString();
}

/**
 * Builds a log: each call to `add` gives the next `seq`, so tests read as the story they tell.
 * Every event follows the protocol schemas (the connection validates them in tests).
 */
export function eventLog(sessionId: string = ids.session) {
  let seq = 0;
  const events: SessionEvent[] = [];
  return {
    events,
    add<K extends EventType>(
      type: K,
      payload: SessionEventOf<K>['payload'],
      actorId: string = ids.chair,
    ): SessionEventOf<K> {
      seq += 1;
      const event = { seq, sessionId, at: instant(seq), actorId, type, payload } as SessionEventOf<K>;
      events.push(event);
      return event;
    },
  };
}

/** The defaults the server fills in for an indicator. */
const indicator = { weight: 1, isProduction: false, previous: null, partOf: null };

type Indicator = SessionEventOf<'report:submitted'>['payload']['indicators'][number];
/** An indicator as a test writes it: what the server would default may be left out. */
export type IndicatorInput = Omit<Indicator, keyof typeof indicator> & Partial<Indicator>;

/** The first unit's indicators in the demo session's report: cement at 650 t of 1,000 t (65 %). */
export const demoIndicators = {
  cement: { id: 'ind-cement', name: 'Cement', measure: 't', planned: 1000, reported: 650, isProduction: true },
  kilns: { id: 'ind-kilns', name: 'Kilns repaired', measure: 'units', planned: 4, reported: 4 },
} satisfies Record<string, IndicatorInput>;

/** The presenter submits the unit's report (no note), each indicator with the server's defaults. */
export function submitReport(log: ReturnType<typeof eventLog>, indicators: IndicatorInput[]) {
  return log.add(
    'report:submitted',
    { unitId: ids.unit, indicators: indicators.map((i) => ({ ...indicator, ...i })), note: null },
    ids.presenter,
  );
}

/**
 * A review session with two days, two units, invited participants, two agenda items on day
 * one, a submitted report for the first unit, the notice published and day one open.
 */
export function demoSession(sessionId: string = ids.session) {
  const log = eventLog(sessionId);
  log.add('session:created', {
    title: 'Quarterly review, Northern Province',
    period: '2026-Q1',
    organisation: 'Northern Province Committee',
    days: [
      { id: ids.dayOne, date: '2026-04-01', title: 'Day 1' },
      { id: ids.dayTwo, date: '2026-04-02', title: 'Day 2' },
    ],
    thresholds: { warningBelow: 0.7, jumpFactor: 1.5, reportingGap: 0.05 },
    conferenceLink: null,
    createdAt: instant(0),
    organiserUnitId: null,
    previousSessionId: null,
  });
  log.add('unit:added', {
    unit: {
      id: ids.unit,
      name: 'North County Cement Works',
      kind: 'enterprise',
      parentId: null,
      ownership: 'state',
      sector: 'Construction materials',
      class: '1st class',
      region: 'North County',
    },
  });
  log.add('unit:added', {
    unit: {
      id: ids.otherUnit,
      name: 'South County Dairy',
      kind: 'enterprise',
      parentId: null,
      ownership: 'cooperative',
      sector: 'Food',
      class: null,
      region: 'South County',
    },
  });
  for (const participant of Object.values(participants)) log.add('participant:invited', { participant });
  log.add('agenda:item-added', {
    item: {
      id: ids.itemOne,
      dayId: ids.dayOne,
      unitId: ids.unit,
      topic: 'Cement output, Q1',
      plannedMinutes: 20,
      warningId: null,
    },
    order: 0,
  });
  log.add('agenda:item-added', {
    item: {
      id: ids.itemTwo,
      dayId: ids.dayOne,
      unitId: ids.otherUnit,
      topic: 'Milk deliveries, Q1',
      plannedMinutes: 15,
      warningId: null,
    },
    order: 1,
  });
  submitReport(log, [demoIndicators.cement, demoIndicators.kilns]);
  // As the server's demo does: the notice is out and the first day is open.
  log.add('session:noticed', { noticeDate: '2026-03-30', at: instant(1) });
  log.add('day:opened', { dayId: ids.dayOne, at: instant(2) });
  return log;
}

export interface JoinAnswerOptions {
  hasMore?: boolean;
  epoch?: string;
  headSeq?: number;
  you?: Participant;
  serverTime?: string;
  online?: PresenceEntry[];
  /** The session's saved state the events follow (P26). */
  state?: SavedState;
}

/** A successful answer to `session:join` carrying `events`, as the server would send it. */
export function joinAnswer(events: SessionEvent[], options: JoinAnswerOptions = {}) {
  return {
    ok: true,
    data: {
      sessionId: ids.session,
      epoch: options.epoch ?? 'epoch-1',
      headSeq: options.headSeq ?? events.at(-1)?.seq ?? options.state?.seq ?? 0,
      ...(options.state ? { state: options.state } : {}),
      events,
      hasMore: options.hasMore ?? false,
      you: options.you ?? participants.official,
      serverTime: options.serverTime ?? instant(1000),
      online: options.online ?? [],
    },
  };
}
