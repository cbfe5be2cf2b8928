import { eventLog, ids, instant, participants } from '../../test/events';

/**
 * A review session being prepared: two days, two units, the chair and the North unit's presenter
 * invited; day 1 holds the North report and an item whose unit is missing, day 2 holds nothing,
 * and the South unit presents without a presenter invited. Not noticed yet.
 */
export function draftSession() {
  const log = eventLog();
  log.add('session:created', {
    title: 'Quarterly review, Northern Province',
    period: '2026-Q2',
    organisation: 'Northern Province Committee',
    days: [
      { id: ids.dayOne, date: '2026-07-01', title: 'Day 1', startTime: '09:00', plannedEnd: '09:30' },
      { id: ids.dayTwo, date: '2026-07-02', title: 'Day 2' },
    ],
    thresholds: { warningBelow: 0.7, jumpFactor: 1.5, reportingGap: 0.05 },
    conferenceLink: null,
    createdAt: instant(0),
    organiserUnitId: null,
    previousSessionId: null,
  });
  for (const [id, name] of [
    [ids.unit, 'North County Cement Works'],
    [ids.otherUnit, 'South County Dairy'],
  ] as const) {
    log.add('unit:added', {
      unit: {
        id,
        name,
        kind: 'enterprise',
        parentId: null,
        ownership: 'state',
        sector: 'Industry',
        class: null,
        region: 'North',
      },
    });
  }
  log.add('participant:invited', { participant: participants.chair });
  log.add('participant:invited', { participant: participants.presenter });
  const item = (id: string, unitId: string | null, topic: string, order: number) =>
    log.add('agenda:item-added', {
      item: { id, dayId: ids.dayOne, unitId, topic, plannedMinutes: 15, warningId: null, kind: 'report' },
      order,
    });
  item(ids.itemOne, ids.unit, 'Cement output, Q2', 0);
  item(ids.itemTwo, ids.otherUnit, 'Milk deliveries, Q2', 1);
  item('item-3', null, 'Coal supply', 2);
  return log;
}
