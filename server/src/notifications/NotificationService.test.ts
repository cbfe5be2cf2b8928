import type { Notification } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { demoWorld, manualClock } from '../test/demoWorld.js';
import { NotificationService } from './NotificationService.js';

const handDriven = { after: () => () => undefined, nextTurn: (task: () => void) => void task() };

async function world() {
  const time = manualClock();
  const w = await demoWorld(time.clock);
  const published: Notification[] = [];
  const service = new NotificationService({
    store: w.store,
    read: (sessionId, view) => w.commands.read(sessionId, view),
    clock: time.clock,
    timers: handDriven,
    logger: createLogger({ level: 'silent' }),
    mailer: null,
    publish: (n) => published.push(n),
  });
  const itemId = await w.commands.read(w.sessionId, (s) =>
    s.agendaOrder.find((id) => s.agenda[id]!.unitId === w.byRole.presenter.unitId),
  );
  return { ...w, time, service, published, itemId: itemId! };
}

describe('the notification service', () => {
  test('an event is published once to its recipient however often the log is swept', async () => {
    const w = await world();
    await w.run(w.byRole.chair, { type: 'agenda:start-item', payload: { itemId: w.itemId } });
    await w.service.sweep(w.sessionId);
    await w.service.sweep(w.sessionId);
    expect(w.published.map((n) => [n.participantId, n.kind])).toEqual([[w.byRole.presenter.id, 'item-starts']]);
    expect((await w.service.list(w.sessionId, w.byRole.presenter.id)).unread).toBe(1);
  });

  test('an event more than a day old when first read is history: nobody is told (negative control: a fresh one is told)', async () => {
    const w = await world();
    await w.run(w.byRole.chair, { type: 'agenda:start-item', payload: { itemId: w.itemId } });
    w.time.advance(25 * 3_600_000);
    await w.service.sweep(w.sessionId);
    expect(w.published).toEqual([]);
    await w.run(w.byRole.chair, { type: 'agenda:open-floor', payload: { itemId: w.itemId } });
    await w.run(w.byRole.official, {
      type: 'criticism:post',
      payload: { itemId: w.itemId, category: 'shortfall', severity: 'medium', indicatorId: null, text: 'Late.' },
    });
    await w.service.sweep(w.sessionId);
    expect(w.published.map((n) => n.kind)).toEqual(['criticism-of-unit']);
  });

  test('the language an invitation names is kept as the invitee’s choice', async () => {
    const w = await world();
    await w.service.invited(
      w.sessionId,
      [{ participant: w.byRole.official, token: 't', email: null, language: 'ko' }],
      (token) => `https://plenum.example/s/x#token=${token}`,
    );
    expect((await w.service.choices(w.sessionId, w.byRole.official.id)).language).toBe('ko');
    expect((await w.service.choices(w.sessionId, w.byRole.chair.id)).language).toBe('en');
  });
});
