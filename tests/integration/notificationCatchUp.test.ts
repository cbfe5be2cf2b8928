import { join } from 'node:path';
import { createApp, createLogger, ensureDemo, SqliteStore, type Timers } from '@plenum/server';
import { newEvent, type NewEvent } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../helpers/tempDir.js';

const logger = createLogger({ level: 'silent' });
/** Timers that never fire: commits hint no sweep, so the log runs ahead of the notifications' cursor. */
const stopped: Timers = { after: () => () => undefined, nextTurn: () => undefined };
const criticisms = 1_600;

/**
 * A log of the demo with `criticisms` criticisms of the presenter's unit appended by the
 * official, written while no notification was made (as by a process stopped before its sweeps).
 */
async function seededLog(file: string) {
  const store = new SqliteStore(file);
  const app = createApp({ store, logger, notifications: { timers: stopped } });
  const demo = await ensureDemo({ sessions: app.sessions, commands: app.commands, settings: store, ids: app.ids });
  const role = (name: string) => demo.invitations.find((i) => i.participant.role === name)!.participant;
  const presenter = role('presenter');
  const official = role('official');
  const itemId = await app.commands.read(demo.sessionId, (s) =>
    s.agendaOrder.find((id) => s.agenda[id]!.unitId === presenter.unitId),
  );
  await app.commands.execute(role('chair'), demo.sessionId, 'start', {
    type: 'agenda:start-item',
    payload: { itemId: itemId! },
  });
  await app.commands.appendSystem(demo.sessionId, official.id, () =>
    Array.from({ length: criticisms }, (_, i): NewEvent =>
      newEvent('criticism:posted', {
        itemId: itemId!,
        category: 'shortfall',
        severity: 'medium',
        indicatorId: null,
        text: `Point ${i}.`,
        criticismId: `c${i}`,
        unitId: presenter.unitId,
      }),
    ),
  );
  await app.close();
  await store.close();
  return { sessionId: demo.sessionId, presenterId: presenter.id };
}

describe('the catch-ups at start', () => {
  test('notifications: work through a long log a page per turn of the event loop and make every notification once, across restarts (negative control: without the turn between pages, the whole catch-up is one task)', async () => {
    const file = join(await tempDir(), 'plenum.sqlite');
    const { sessionId, presenterId } = await seededLog(file);

    const store = new SqliteStore(file);
    const unread = () => store.notifications.unreadNotifications(sessionId, presenterId);
    // What the presenter had been told at each turn of the event loop while the catch-up ran.
    const seen: number[] = [];
    let done = false;
    const sample = () =>
      void unread().then((n) => {
        seen.push(n);
        if (!done) setImmediate(sample);
      });
    const app = createApp({ store, logger });
    setImmediate(sample);
    await app.notifications.start();
    done = true;
    await app.close();

    // The item's start and each criticism, each once.
    const listed = () => store.notifications.listNotifications(sessionId, presenterId, 10_000);
    const made = await listed();
    const kinds = made.map((n) => n.kind);
    expect(kinds.filter((kind) => kind === 'criticism-of-unit')).toHaveLength(criticisms);
    expect(kinds.filter((kind) => kind === 'item-starts')).toHaveLength(1);
    expect(new Set(made.map((n) => n.id)).size).toBe(made.length);
    expect(await unread()).toBe(made.length);
    const steps = seen.slice(1).map((n, i) => n - seen[i]!);
    expect(seen[0]).toBeLessThan(made.length);
    expect(Math.max(...steps)).toBeLessThanOrEqual(500);
    expect(steps.filter((step) => step > 0).length).toBeGreaterThanOrEqual(3);

    // A restart reads from the saved cursor: nothing is made twice.
    const again = createApp({ store, logger });
    await again.notifications.start();
    await again.notifications.sweep(sessionId);
    await again.close();
    expect(await listed()).toHaveLength(made.length);
    await store.close();
  });

  test('webhooks: work through a long log a page per turn of the event loop and enqueue each delivery once, across restarts (negative control: without the turn between pages, the whole catch-up is one task)', async () => {
    const file = join(await tempDir(), 'plenum.sqlite');
    const { sessionId } = await seededLog(file);

    const store = new SqliteStore(file);
    // Subscribed before the log began, so every event after the cursor is owed to it.
    await store.webhooks.saveWebhook({
      id: 'wh1',
      organisationId: 'org',
      url: 'http://127.0.0.1:9/hook',
      eventTypes: ['item.started'],
      active: true,
      createdAt: '2000-01-01T00:00:00.000Z',
      secret: 'whsec_c2VjcmV0',
    });
    const cursor = () => store.webhooks.webhookCursor(sessionId);
    const seen: number[] = [];
    let done = false;
    const sample = () =>
      void cursor().then((seq) => {
        seen.push(seq);
        if (!done) setImmediate(sample);
      });
    const app = createApp({ store, logger });
    setImmediate(sample);
    await app.webhooks.start();
    done = true;
    await app.close();

    const head = await store.head(sessionId);
    expect(await cursor()).toBe(head);
    const steps = seen.slice(1).map((seq, i) => seq - seen[i]!);
    expect(seen[0]).toBeLessThan(head);
    expect(Math.max(...steps)).toBeLessThanOrEqual(500);
    expect(steps.filter((step) => step > 0).length).toBeGreaterThanOrEqual(3);
    const deliveries = (await store.webhooks.listWebhookDeliveries('wh1', 10_000)).length;
    expect(deliveries).toBeGreaterThanOrEqual(1);

    const again = createApp({ store, logger });
    await again.webhooks.start();
    await again.close();
    expect((await store.webhooks.listWebhookDeliveries('wh1', 10_000)).length).toBe(deliveries);
    await store.close();
  });
});
