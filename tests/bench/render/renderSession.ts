import type { Participant, SessionEvent } from '@plenum/shared';
import { eventLog, instant } from '../../../client/src/test/events';
import type { RenderEventKind, RenderSessionSize } from './api';

const days = 3;
const officials = 40;
const categories = ['inflated-report', 'paper-only', 'shortfall', 'discipline', 'supply', 'other'] as const;
const severities = ['low', 'medium', 'high'] as const;
const filler =
  'The reported figure does not match the deliveries the district recorded, and the plan was revised twice.';

export const chair: Participant = { id: 'p-chair', name: 'Anna Chair', role: 'chair', unitId: null };
const official = (n: number): Participant => ({
  id: `p-official-${n}`,
  name: `Official ${n}`,
  role: 'official',
  unitId: null,
});
const unitId = (n: number) => `unit-${n}`;
const itemId = (n: number) => `item-${n}`;
const dayId = (n: number) => `day-${n + 1}`;

/**
 * A review session of `units` units, one agenda item each over three days, with reports and
 * `criticisms` criticisms posted on the items held so far: the first half of the items are
 * closed, the next one is on the floor. `next(kind)` makes the next live event of a kind, on
 * the item on the floor, continuing the log's `seq`.
 */
export function renderSession(size: RenderSessionSize) {
  const log = eventLog('render-session');
  const perDay = Math.ceil(size.units / days);
  const liveIndex = Math.floor(size.units / 2);
  log.add('session:created', {
    title: 'Quarterly review, all provinces',
    period: '2026-Q1',
    organisation: 'Central Committee',
    days: Array.from({ length: days }, (_, d) => ({ id: dayId(d), date: `2026-04-0${d + 1}`, title: `Day ${d + 1}` })),
    thresholds: { warningBelow: 0.7, jumpFactor: 1.5, reportingGap: 0.05 },
    conferenceLink: null,
    createdAt: instant(0),
    organiserUnitId: null,
    previousSessionId: null,
  });
  log.add('participant:invited', { participant: chair });
  for (let o = 0; o < officials; o++) log.add('participant:invited', { participant: official(o) });
  for (let u = 0; u < size.units; u++) {
    log.add('unit:added', {
      unit: {
        id: unitId(u),
        name: `Unit ${u}`,
        kind: 'enterprise',
        parentId: null,
        ownership: u % 3 === 0 ? 'private' : 'state',
        sector: `Sector ${u % 6}`,
        class: null,
        region: `Region ${u % 5}`,
      },
    });
    const presenter: Participant = {
      id: `p-presenter-${u}`,
      name: `Presenter ${u}`,
      role: 'presenter',
      unitId: unitId(u),
    };
    log.add('participant:invited', { participant: presenter });
    log.add(
      'agenda:item-added',
      {
        item: {
          id: itemId(u),
          dayId: dayId(Math.floor(u / perDay)),
          unitId: unitId(u),
          topic: `Unit ${u}, Q1 results`,
          plannedMinutes: 15,
          warningId: null,
        },
        order: u % perDay,
      },
      chair.id,
    );
    log.add(
      'report:submitted',
      {
        unitId: unitId(u),
        indicators: Array.from({ length: 4 }, (_, i) => ({
          id: `ind-${u}-${i}`,
          name: `Indicator ${i}`,
          measure: 't',
          planned: 1000,
          reported: 500 + ((u * 37 + i * 91) % 600),
          weight: 1,
          isProduction: i === 0,
          previous: null,
          partOf: null,
        })),
        note: null,
      },
      presenter.id,
    );
  }
  log.add('session:noticed', { noticeDate: '2026-03-30', at: instant(1) });

  // Hold the first half of the agenda, each item with its share of the criticisms.
  let posted = 0;
  let openDay = -1;
  const liveCriticisms: string[] = [];
  const post = (item: number, author: number) => {
    const event = log.add(
      'criticism:posted',
      {
        criticismId: `criticism-${posted}`,
        itemId: itemId(item),
        unitId: unitId(item),
        category: categories[posted % categories.length]!,
        severity: severities[posted % severities.length]!,
        indicatorId: posted % 2 === 0 ? `ind-${item}-${posted % 4}` : null,
        text: `#${posted} ${filler}`,
      },
      official(author % officials).id,
    );
    posted++;
    if (item === liveIndex) liveCriticisms.push(event.payload.criticismId);
    return event;
  };
  for (let item = 0; item <= liveIndex; item++) {
    const day = Math.floor(item / perDay);
    if (day !== openDay) {
      if (openDay >= 0) log.add('day:adjourned', { dayId: dayId(openDay), at: instant(item) });
      log.add('day:opened', { dayId: dayId(day), at: instant(item) });
      log.add('attendance:batch-connected', {
        dayId: dayId(day),
        at: instant(item),
        participants: Array.from({ length: officials }, (_, o): [string, number] => [official(o).id, o]),
      });
      openDay = day;
    }
    log.add('agenda:item-started', { itemId: itemId(item), startedAt: instant(item * 900) });
    log.add('agenda:floor-opened', { itemId: itemId(item), openedAt: instant(item * 900 + 300) });
    const share = Math.floor((size.criticisms * (item + 1)) / (liveIndex + 1)) - posted;
    for (let c = 0; c < share; c++) {
      const { criticismId } = post(item, c).payload;
      for (let e = 1; e <= posted % 3; e++)
        log.add('criticism:endorsed', { criticismId, participantId: official((c + e) % officials).id });
    }
    if (item < liveIndex) log.add('agenda:item-closed', { itemId: itemId(item), closedAt: instant(item * 900 + 800) });
  }

  const made: Record<RenderEventKind, number> = { attendance: 0, criticism: 0, endorsement: 0, timer: 0 };
  /** The next live event of `kind`: what a chair's screen receives during the item. */
  const next = (kind: RenderEventKind): SessionEvent => {
    const n = made[kind]++;
    switch (kind) {
      case 'attendance':
        return log.add('attendance:batch-connected', {
          dayId: dayId(openDay),
          at: instant(n),
          participants: [[official(n % officials).id, 0]],
        });
      case 'criticism':
        return post(liveIndex, n);
      case 'endorsement':
        return log.add('criticism:endorsed', {
          criticismId: liveCriticisms[n % liveCriticisms.length]!,
          participantId: official(Math.floor(n / liveCriticisms.length) % officials).id,
        });
      case 'timer':
        return n % 2 === 0
          ? log.add('agenda:timer-paused', { itemId: itemId(liveIndex), at: instant(n) })
          : log.add('agenda:timer-resumed', { itemId: itemId(liveIndex), at: instant(n) });
    }
  };
  return { events: log.events, next };
}
