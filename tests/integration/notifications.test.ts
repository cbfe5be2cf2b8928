import {
  apiScopes,
  defaultNotificationChoices,
  type CreatedApiToken,
  type NotificationChoices,
  type NotificationList,
  type NotificationMessage,
} from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { api, resourceOf } from '../helpers/api.js';
import { expectOk, postCriticism, sendCommand, startItem } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { waitForEvent } from '../helpers/waitForEvent.js';

async function itemOf(server: TestServer, unitId: string): Promise<string> {
  const state = await server.state();
  return state.agendaOrder.find((id) => state.agenda[id]!.unitId === unitId)!;
}

const path = (server: TestServer, tail = '') => `/api/v1/sessions/${server.sessionId}/notifications${tail}`;

describe('in-app notifications', () => {
  test('the presenter’s own sockets hear that their item starts, others do not; the list counts it unread until marked read', async () => {
    const server = await startTestServer({ store: 'memory' });
    const presenter = await server.connect('presenter');
    const official = await server.connect('official');
    const chair = await server.connect('chair');
    const heardByOfficial: NotificationMessage[] = [];
    official.on('notification:new', (message) => heardByOfficial.push(message));
    const heard = waitForEvent(presenter, 'notification:new', undefined, { description: 'item-starts' });
    const itemId = await itemOf(server, 'eastfield-cement');
    expectOk(await sendCommand(chair, server.sessionId, startItem(itemId)));
    const { notification } = await heard;
    expect(notification).toMatchObject({ kind: 'item-starts', readAt: null });
    expect(notification.subject).toMatchObject({ itemId, unitId: 'eastfield-cement' });

    const token = server.tokens.presenter;
    const listed = resourceOf(await api<NotificationList>(server.url, path(server), { token }));
    expect(listed.unread).toBe(1);
    expect(listed.notifications.map((n) => n.id)).toEqual([notification.id]);
    // A second sweep of the same log makes nothing new (the id is the source's).
    await server.app.notifications.sweep(server.sessionId);
    expect(resourceOf(await api<NotificationList>(server.url, path(server), { token })).unread).toBe(1);
    const read = resourceOf(
      await api<NotificationList>(server.url, path(server, '/read'), {
        method: 'POST',
        token,
        body: { ids: [notification.id] },
      }),
    );
    expect(read.unread).toBe(0);
    expect(read.notifications[0]!.readAt).not.toBeNull();
    // The official was told nothing, and has nothing listed (negative control of the recipient rule).
    expect(heardByOfficial).toEqual([]);
    const officials = resourceOf(
      await api<NotificationList>(server.url, path(server), { token: server.tokens.official }),
    );
    expect(officials).toEqual({ notifications: [], unread: 0 });
  });

  test('a kind switched off in the app is not shown; switched on, it is (the choice is the person’s own)', async () => {
    const server = await startTestServer({ store: 'memory' });
    const token = server.tokens.presenter;
    const defaults = resourceOf(await api<NotificationChoices>(server.url, path(server, '/choices'), { token }));
    expect(defaults).toEqual(defaultNotificationChoices());
    const off: NotificationChoices = {
      ...defaults,
      kinds: { ...defaults.kinds, 'criticism-of-unit': { inApp: false, email: false } },
    };
    await api(server.url, path(server, '/choices'), { method: 'PUT', token, body: off });
    const chair = await server.connect('chair');
    const official = await server.connect('official');
    const itemId = await itemOf(server, 'eastfield-cement');
    expectOk(await sendCommand(chair, server.sessionId, startItem(itemId)));
    expectOk(await sendCommand(chair, server.sessionId, { type: 'agenda:open-floor', payload: { itemId } }));
    expectOk(await sendCommand(official, server.sessionId, postCriticism(itemId, { text: 'First point.' })));
    await server.app.notifications.sweep(server.sessionId);
    const kinds = async () =>
      resourceOf(await api<NotificationList>(server.url, path(server), { token })).notifications.map((n) => n.kind);
    expect(await kinds()).toEqual(['item-starts']);

    await api(server.url, path(server, '/choices'), { method: 'PUT', token, body: defaults });
    expectOk(await sendCommand(official, server.sessionId, postCriticism(itemId, { text: 'Second point.' })));
    await server.app.notifications.sweep(server.sessionId);
    expect(await kinds()).toEqual(['criticism-of-unit', 'item-starts']);
  });

  test('an API token acts for no person: nothing to read, no choices to save; bad choices are refused with the field named; the server stays up', async () => {
    const server = await startTestServer({ store: 'memory' });
    const created = resourceOf(
      await api<CreatedApiToken>(server.url, '/api/v1/admin/tokens', {
        method: 'POST',
        token: server.tokens.administrator,
        body: { name: 'Reporting', scopes: apiScopes, expiresAt: null },
      }),
    );
    // It reads an empty list (it is no recipient), and may not save choices.
    expect(resourceOf(await api<NotificationList>(server.url, path(server), { token: created.token }))).toEqual({
      notifications: [],
      unread: 0,
    });
    const saved = await api(server.url, path(server, '/choices'), {
      method: 'PUT',
      token: created.token,
      body: defaultNotificationChoices(),
    });
    expect(saved.status).toBe(403);
    const bad = await api(server.url, path(server, '/choices'), {
      method: 'PUT',
      token: server.tokens.presenter,
      body: { kinds: {}, language: 'fr' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_PAYLOAD' });
    const listed = await api(server.url, path(server), { token: server.tokens.presenter });
    expect(listed.status).toBe(200);
  });
});
