import {
  actsOnDirective,
  defaultNotificationChoices,
  newEvent,
  type Command,
  type Notification,
  type NotificationChoices,
} from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { demoWorld, handDriven, manualClock, worldDirectory } from '../test/demoWorld.js';
import { NotificationService } from './NotificationService.js';

async function world() {
  const time = manualClock();
  const w = await demoWorld(time.clock);
  const published: Notification[] = [];
  /** The sessions the service read, in order. */
  const read: string[] = [];
  const service = new NotificationService({
    store: w.store,
    directory: worldDirectory(w),
    read: (sessionId, view) => {
      read.push(sessionId);
      return w.commands.read(sessionId, view);
    },
    clock: time.clock,
    timers: handDriven,
    logger: createLogger({ level: 'silent' }),
    mailer: null,
    publish: (n) => published.push(n),
  });
  const itemId = await w.commands.read(w.sessionId, (s) =>
    s.agendaOrder.find((id) => s.agenda[id]!.unitId === w.byRole.presenter.unitId),
  );
  return { ...w, time, service, published, read, itemId: itemId! };
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

  test('events committed here are swept from memory, not read again from the log; the cursor is saved with what they made, after 500 events that made nothing, and at a stop', async () => {
    const w = await world();
    await w.service.sweep(w.sessionId);
    const logRead = w.store.read.bind(w.store);
    let logReads = 0;
    // The service reads the log a page of 500 at a time; the state's own catch-ups (pages of 5,000) are not its doing.
    w.store.read = (sessionId, afterSeq, limit) => {
      if (limit === 500) logReads++;
      return logRead(sessionId, afterSeq, limit);
    };
    const add = w.store.notifications.addNotifications.bind(w.store.notifications);
    const saved: number[] = [];
    const sweepReads: number[] = [];
    w.store.notifications.addNotifications = (notifications, mails, cursor) => {
      if (cursor) saved.push(cursor.seq);
      return add(notifications, mails, cursor);
    };
    /** Runs the command and hands the service its events, as the command service does after the commit. */
    const commit = async (append: () => Promise<unknown>) => {
      const head = await w.store.head(w.sessionId);
      await append();
      const events = await logRead(w.sessionId, head, 1000);
      const before = logReads;
      // The sweep it starts: hand-driven turns run at once, the in-memory store answers in microtasks.
      w.service.handleCommitted(w.sessionId, events);
      await new Promise((resolve) => setImmediate(resolve));
      sweepReads.push(logReads - before);
      return w.store.head(w.sessionId);
    };
    const run = (command: Command) => () => w.run(w.byRole.chair, command);
    const renamed = (count: number) => () =>
      w.commands.appendSystem(w.sessionId, w.byRole.chair.id, () =>
        Array.from({ length: count }, (_, i) => newEvent('session:renamed', { title: `Review ${i}` })),
      );
    const started = await commit(run({ type: 'agenda:start-item', payload: { itemId: w.itemId } }));
    await commit(run({ type: 'agenda:open-floor', payload: { itemId: w.itemId } }));
    expect(w.published.map((n) => n.kind)).toEqual(['item-starts']);
    // The item's start made a notification, saved with the cursor; opening the floor made none.
    expect(saved).toEqual([started]);
    const quiet = await commit(renamed(500));
    expect(saved).toEqual([started, quiet]);
    const last = await commit(renamed(1));
    // Swept from memory: each sweep's one read of the log is the one finding nothing after its events.
    expect(sweepReads).toEqual([1, 1, 1, 1]);
    expect(saved).toEqual([started, quiet]);
    await w.service.stop();
    expect(saved).toEqual([started, quiet, last]);
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

  test('an item whose topic the system wrote is named in the recipient’s language; one typed, as typed', async () => {
    const w = await world();
    const presenter = w.byRole.presenter;
    await w.service.saveChoices(w.sessionId, presenter.id, defaultNotificationChoices('ko'));
    await w.commands.appendSystem(w.sessionId, w.byRole.chair.id, (state) => [
      newEvent('agenda:item-added', {
        item: {
          id: 'item-proposed',
          dayId: state.agenda[w.itemId]!.dayId,
          unitId: presenter.unitId,
          topic: 'Riverside Steel Works — plan and results',
          plannedMinutes: 15,
          warningId: null,
          kind: 'report',
          generatedTopic: { kind: 'report', unit: 'Riverside Steel Works' },
        },
        order: 0,
      }),
    ]);
    for (const itemId of ['item-proposed', w.itemId]) {
      await w.run(w.byRole.chair, { type: 'agenda:start-item', payload: { itemId } });
      await w.run(w.byRole.chair, { type: 'agenda:close-item', payload: { itemId } });
    }
    await w.service.sweep(w.sessionId);
    const typed = await w.commands.read(w.sessionId, (s) => s.agenda[w.itemId]!.topic);
    expect(w.published.map((n) => n.subject.title)).toEqual(['Riverside Steel Works — 계획과 실적', typed]);
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

  test('choices saved before a kind existed read that kind as its default, and keep the rest as saved', async () => {
    const w = await world();
    const { 'directive-issued': _added, ...before } = defaultNotificationChoices('ko').kinds;
    const saved = { language: 'ko', kinds: { ...before, 'item-starts': { inApp: false, email: true } } };
    await w.store.notifications.saveNotificationChoices(
      w.sessionId,
      w.byRole.presenter.id,
      saved as NotificationChoices,
    );
    const choices = await w.service.choices(w.sessionId, w.byRole.presenter.id);
    expect(choices.kinds['directive-issued']).toEqual(defaultNotificationChoices().kinds['directive-issued']);
    expect(choices.kinds['item-starts']).toEqual({ inApp: false, email: true });
    expect(choices.language).toBe('ko');
  });

  test('a directive the next period carried over is reminded of by that review; by the earlier one only while the later has nobody to remind', async () => {
    const w = await world();
    // The demo's Q4 review was followed by Q1, which took over its explanation still open (due 2026-02-15).
    const overdue = await w.commands.read(w.sessionId, (s) => s.directives[s.directiveOrder[0]!]!);
    expect(overdue).toMatchObject({ dueDate: '2026-02-15', carriedFromSessionId: 'demo-2025-q4' });
    const reminded = () => new Set(w.published.map((n) => [n.sessionId, n.kind, n.subject.directiveId].join(' ')));
    await w.service.checkDue();
    expect(w.published.length).toBeGreaterThan(0);
    expect(reminded()).toEqual(new Set([[w.sessionId, 'directive-overdue', overdue.id].join(' ')]));

    // Nobody left in Q1 to remind (their links revoked): Q4, which still holds it open, reminds its own people.
    const addressees = await w.commands.read(w.sessionId, (s) =>
      Object.values(s.participants).filter((p) => p.role !== 'chair' && actsOnDirective(p, overdue)),
    );
    expect(addressees.length).toBeGreaterThan(0);
    for (const p of addressees) await w.sessions.revoke(w.sessionId, p.id, w.byRole.chair.id);
    w.published.length = 0;
    await w.service.checkDue();
    expect(reminded()).toEqual(new Set([['demo-2025-q4', 'directive-overdue', overdue.id].join(' ')]));
  });

  test('the due check reads only the sessions whose digest holds a directive due soon or overdue, and the reviews that followed them', async () => {
    const w = await world();
    const definition = await w.commands.read(w.sessionId, (s) => s.definition!);
    const { sessionId: quiet } = await w.sessions.convene({
      definition: { ...definition, title: 'A review with no directive', previousSessionId: null },
      units: [],
      chairName: 'Chair',
    });
    await w.service.checkDue();
    expect(new Set(w.read)).toEqual(new Set([w.sessionId, 'demo-2025-q4']));
    expect(w.read).not.toContain(quiet);
  });
});
