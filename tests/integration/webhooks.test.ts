import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createApp,
  createLogger,
  ensureDemo,
  SqliteStore,
  WebhookDispatcher,
  type App,
  type Clock,
  type Timers,
  type WebhookOptions,
} from '@plenum/server';
import {
  apiScopes,
  WebhookPayloadSchema,
  type CreatedApiToken,
  type WebhookAnswerData,
  type WebhookDelivery,
  type WebhookEventType,
} from '@plenum/shared';
import { Webhook } from 'standardwebhooks';
import { describe, expect, onTestFinished, test } from 'vitest';
import { saveAdministrator } from '../helpers/administrator.js';
import { api, resourceOf } from '../helpers/api.js';
import { deferred, type Deferred } from '../helpers/deferred.js';
import { expectOk, openFloor, sendCommand, startItem } from '../helpers/factories.js';
import { connectClient } from '../helpers/connectClient.js';
import { listenOnLoopback } from '../helpers/localServer.js';
import { startTestServer } from '../helpers/startTestServer.js';

/** A request as the receiver got it. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real webhook receiver on an ephemeral loopback port. Each request is answered by the next
 * of `answers` (then 200): a status, or `hold` to keep the request open until `release()`.
 */
async function startReceiver() {
  const received: Received[] = [];
  const waiting: { until: (received: readonly Received[]) => boolean; done: Deferred<void> }[] = [];
  const answers: (number | 'hold')[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      for (const w of waiting) if (w.until(received)) w.done.resolve();
      const answer = answers.shift() ?? 200;
      if (answer === 'hold') held.push(res);
      else res.writeHead(answer).end();
    });
  });
  const url = await listenOnLoopback(server);
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return {
    url: `${url}/hooks`,
    received,
    answers,
    /** Resolves once the requests received so far satisfy `until`. */
    received$(until: (received: readonly Received[]) => boolean): Promise<void> {
      if (until(received)) return Promise.resolve();
      const done = deferred();
      waiting.push({ until, done });
      return done.promise;
    },
    /** Resolves once `count` requests in all have arrived. */
    requests(count: number): Promise<void> {
      return this.received$((all) => all.length >= count);
    },
    release: () => held.splice(0).forEach((res) => res.writeHead(200).end()),
  };
}

/** A clock the test moves by hand, starting now (receivers check the signed timestamp against theirs). */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = Date.now();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

/** Timers for the delivery queue that never fire: the test runs what is due itself (`runDue`). */
const handDriven: Timers = { after: () => () => undefined, nextTurn: (task) => setImmediate(task) };

const retry = { maxAttempts: 3, baseMs: 60_000, maxMs: 600_000 };
const loopbackAllowed: WebhookOptions = { policy: { allowPrivate: true, allowedCidrs: [] }, retry, timers: handDriven };

async function subscribe(url: string, token: string, receiver: string, eventTypes: WebhookEventType[]) {
  return resourceOf(
    await api<WebhookAnswerData<'webhookCreated'>>(url, '/api/v1/admin/webhooks', {
      method: 'POST',
      token,
      body: { url: receiver, eventTypes },
    }),
  );
}

async function deliveries(url: string, token: string, webhookId: string): Promise<WebhookDelivery[]> {
  const answer = await api<WebhookAnswerData<'deliveries'>>(url, `/api/v1/admin/webhooks/${webhookId}/deliveries`, {
    token,
  });
  return resourceOf(answer).deliveries;
}

describe('signed webhooks to a real receiver on loopback', () => {
  test('an item start reaches the receiver signed (verified by standardwebhooks), and a held receiver does not delay the command', async () => {
    const receiver = await startReceiver();
    const server = await startTestServer({ webhooks: loopbackAllowed, clock: manualClock() });
    const admin = server.tokens.administrator;
    const { subscription, secret } = await subscribe(server.url, admin, receiver.url, ['item.started']);
    expect(secret).toMatch(/^whsec_/);
    // The secret is shown once: never in the list.
    const listed = resourceOf(
      await api<WebhookAnswerData<'webhooks'>>(server.url, '/api/v1/admin/webhooks', { token: admin }),
    );
    expect(listed.webhooks).toEqual([subscription]);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(6));

    receiver.answers.push('hold');
    const chair = await server.connect('chair');
    const { seq } = expectOk(await sendCommand(chair, server.sessionId, startItem('item-2')));
    // While the receiver holds its request open, the next command is acknowledged all the same.
    await receiver.requests(1);
    expectOk(await sendCommand(chair, server.sessionId, openFloor('item-2')));
    expect(receiver.answers).toEqual([]);
    receiver.release();

    const [request] = receiver.received;
    const payload = WebhookPayloadSchema.parse(
      new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>),
    );
    expect(payload).toMatchObject({
      type: 'item.started',
      data: { sessionId: server.sessionId, seq, itemId: 'item-2', unitId: 'riverside-steel' },
    });
    expect(request!.headers['webhook-id']).toMatch(/^msg_/);
    // A forged body fails the same verification.
    expect(() =>
      new Webhook(secret).verify(request!.body.replace('item-2', 'item-3'), request!.headers as Record<string, string>),
    ).toThrow();
  });

  test('a failing receiver is retried with growing, jittered waits and the same delivery id, then delivered', async () => {
    const receiver = await startReceiver();
    const clock = manualClock();
    const server = await startTestServer({ webhooks: loopbackAllowed, clock });
    const admin = server.tokens.administrator;
    const { subscription, secret } = await subscribe(server.url, admin, receiver.url, ['item.started']);
    receiver.answers.push(500, 503);
    const chair = await server.connect('chair');
    expectOk(await sendCommand(chair, server.sessionId, startItem('item-2')));
    await receiver.requests(1);
    await server.app.webhooks.runDue();

    const waits: number[] = [];
    for (const expected of [1, 2]) {
      const [delivery] = await deliveries(server.url, admin, subscription.id);
      expect(delivery).toMatchObject({ status: 'pending', attempts: { length: expected } });
      const last = delivery!.attempts.at(-1)!;
      expect(last.statusCode).toBe(expected === 1 ? 500 : 503);
      waits.push(Date.parse(delivery!.nextAttemptAt!) - Date.parse(last.at));
      // Not due yet: nothing is sent.
      await server.app.webhooks.runDue();
      expect(receiver.received).toHaveLength(expected);
      clock.advance(waits.at(-1)!);
      await server.app.webhooks.runDue();
      await receiver.requests(expected + 1);
    }
    // Equal jitter: the n-th wait is between half and all of base * 2^(n-1).
    expect(waits[0]).toBeGreaterThanOrEqual(retry.baseMs / 2);
    expect(waits[0]).toBeLessThanOrEqual(retry.baseMs);
    expect(waits[1]).toBeGreaterThanOrEqual(retry.baseMs);
    expect(waits[1]).toBeLessThanOrEqual(retry.baseMs * 2);

    const [delivered] = await deliveries(server.url, admin, subscription.id);
    expect(delivered).toMatchObject({ status: 'delivered', nextAttemptAt: null });
    expect(delivered!.attempts.map((a) => a.statusCode)).toEqual([500, 503, 200]);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([delivered!.id]));
    // Every attempt is signed afresh, and the body is the same each time.
    for (const r of receiver.received) new Webhook(secret).verify(r.body, r.headers as Record<string, string>);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);

    // Redelivery sends the same message again, with the same id.
    const redelivered = resourceOf(
      await api<WebhookAnswerData<'delivery'>>(
        server.url,
        `/api/v1/admin/webhooks/${subscription.id}/deliveries/${delivered!.id}/redeliver`,
        { method: 'POST', token: admin },
      ),
    );
    expect(redelivered.delivery).toMatchObject({ id: delivered!.id, status: 'delivered', attempts: { length: 4 } });
    expect(receiver.received.at(-1)!.headers['webhook-id']).toBe(delivered!.id);
  });

  test('a receiver that never succeeds is marked failed after the last attempt', async () => {
    const receiver = await startReceiver();
    const clock = manualClock();
    const server = await startTestServer({ webhooks: loopbackAllowed, clock });
    const { subscription } = await subscribe(server.url, server.tokens.administrator, receiver.url, ['item.started']);
    receiver.answers.push(500, 500, 500, 500);
    const chair = await server.connect('chair');
    expectOk(await sendCommand(chair, server.sessionId, startItem('item-2')));
    for (let n = 1; n <= retry.maxAttempts; n++) {
      await receiver.requests(n);
      await server.app.webhooks.runDue();
      clock.advance(retry.maxMs);
      await server.app.webhooks.runDue();
    }
    const [delivery] = await deliveries(server.url, server.tokens.administrator, subscription.id);
    expect(delivery).toMatchObject({ status: 'failed', nextAttemptAt: null, attempts: { length: retry.maxAttempts } });
    expect(receiver.received).toHaveLength(retry.maxAttempts);
  });

  test('an internal receiver is refused at subscription by default; allowed only by configuration (negative control)', async () => {
    const receiver = await startReceiver();
    const guarded = await startTestServer({ webhooks: { timers: handDriven } });
    for (const url of [receiver.url, receiver.url.replace('127.0.0.1', 'localhost'), 'http://[::1]:9/x']) {
      const answer = await api(guarded.url, '/api/v1/admin/webhooks', {
        method: 'POST',
        token: guarded.tokens.administrator,
        body: { url, eventTypes: ['item.started'] },
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        code: 'INVALID_PAYLOAD',
        issues: [{ path: 'url', message: expect.stringMatching(/loopback/) as unknown }],
      });
    }
    const open = await startTestServer({ webhooks: loopbackAllowed });
    const allowed = await api(open.url, '/api/v1/admin/webhooks', {
      method: 'POST',
      token: open.tokens.administrator,
      body: { url: receiver.url, eventTypes: ['item.started'] },
    });
    expect(allowed.status).toBe(201);
  });

  test('a paused webhook is sent nothing for what happens meanwhile; resumed, it hears of the next event; deleted, it is gone', async () => {
    const receiver = await startReceiver();
    const server = await startTestServer({ webhooks: loopbackAllowed, clock: manualClock() });
    const admin = server.tokens.administrator;
    const { subscription } = await subscribe(server.url, admin, receiver.url, ['item.started', 'session.closed']);
    const patch = (body: unknown) =>
      api<WebhookAnswerData<'webhook'>>(server.url, `/api/v1/admin/webhooks/${subscription.id}`, {
        method: 'PATCH',
        token: admin,
        body,
      });
    expect(resourceOf(await patch({ active: false })).webhook.active).toBe(false);
    expect((await patch({})).status).toBe(400);
    const chair = await server.connect('chair');
    expectOk(await sendCommand(chair, server.sessionId, startItem('item-2')));
    // The commit's sweep has run once the server's state answers after it.
    await server.app.webhooks.sweep(server.sessionId);
    expect(await deliveries(server.url, admin, subscription.id)).toEqual([]);

    expect(resourceOf(await patch({ active: true, eventTypes: ['item.started'] })).webhook).toMatchObject({
      active: true,
      eventTypes: ['item.started'],
    });
    expectOk(await sendCommand(chair, server.sessionId, { type: 'agenda:close-item', payload: { itemId: 'item-2' } }));
    expectOk(await sendCommand(chair, server.sessionId, startItem('item-3')));
    await receiver.requests(1);
    expect(WebhookPayloadSchema.parse(JSON.parse(receiver.received[0]!.body)).data).toMatchObject({ itemId: 'item-3' });

    const deleted = await api(server.url, `/api/v1/admin/webhooks/${subscription.id}`, {
      method: 'DELETE',
      token: admin,
    });
    expect(deleted.status).toBe(200);
    const listed = resourceOf(
      await api<WebhookAnswerData<'webhooks'>>(server.url, '/api/v1/admin/webhooks', { token: admin }),
    );
    expect(listed.webhooks).toEqual([]);
    expect(
      (await api(server.url, `/api/v1/admin/webhooks/${subscription.id}/deliveries`, { token: admin })).status,
    ).toBe(404);
  });

  test('a delivery whose sender stalls past its lease is sent again by another sender, same id; the stalled verdict is ignored', async () => {
    const receiver = await startReceiver();
    const clock = manualClock();
    const server = await startTestServer({ webhooks: { ...loopbackAllowed, timeoutMs: 1_000 }, clock });
    const admin = server.tokens.administrator;
    const { subscription } = await subscribe(server.url, admin, receiver.url, ['item.started']);
    // The first sender's request is held open: it stalls, as a process that hung or died would.
    receiver.answers.push('hold');
    const chair = await server.connect('chair');
    expectOk(await sendCommand(chair, server.sessionId, startItem('item-2')));
    await receiver.requests(1);

    // Another sender (say, the process restarted) leaves it alone while the lease holds, then sends it.
    const other = new WebhookDispatcher({
      store: server.store,
      directory: server.app.directory,
      read: (sessionId, view) => server.app.commands.read(sessionId, view),
      clock,
      timers: handDriven,
      logger: createLogger({ level: 'silent' }),
      policy: { allowPrivate: true, allowedCidrs: [] },
      retry,
    });
    onTestFinished(() => other.stop());
    await other.runDue();
    expect(receiver.received).toHaveLength(1);
    clock.advance(3_000);
    await other.runDue();
    expect(receiver.received).toHaveLength(2);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);

    // The stalled sender gives up (its timeout) after the other delivered: its failure is kept, not its verdict.
    await server.app.webhooks.stop();
    receiver.release();
    const [delivery] = await deliveries(server.url, admin, subscription.id);
    expect(delivery).toMatchObject({ status: 'delivered', nextAttemptAt: null });
    expect(delivery!.attempts.map((a) => a.statusCode)).toEqual([200, null]);
  });

  test('bad bodies and other tokens are refused with the reason', async () => {
    const server = await startTestServer({ webhooks: loopbackAllowed });
    const post = (body: unknown, token = server.tokens.administrator) =>
      api(server.url, '/api/v1/admin/webhooks', { method: 'POST', token, body });
    const noEvents = await post({ url: 'http://127.0.0.1:9/x', eventTypes: [] });
    expect(noEvents.status).toBe(400);
    expect(JSON.stringify(noEvents.body)).toContain('eventTypes');
    expect((await post({ url: 'ftp://127.0.0.1/x', eventTypes: ['item.started'] })).status).toBe(400);
    expect((await post({ url: 'http://127.0.0.1:9/x', eventTypes: ['item.finished'] })).status).toBe(400);
    expect(
      (await post({ url: 'http://127.0.0.1:9/x', eventTypes: ['item.started'] }, server.tokens.chair)).status,
    ).toBe(403);
    // As for the API tokens' own routes: an API token never manages webhooks, whatever its scopes.
    const { token: apiToken } = resourceOf(
      await api<CreatedApiToken>(server.url, '/api/v1/admin/tokens', {
        method: 'POST',
        token: server.tokens.administrator,
        body: { name: 'Reporting system', scopes: apiScopes, expiresAt: null },
      }),
    );
    const byApiToken = await post({ url: 'http://127.0.0.1:9/x', eventTypes: ['item.started'] }, apiToken);
    expect(byApiToken).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN', detail: 'An API token may not manage webhooks: sign in as an administrator.' },
    });
    const missing = await api(server.url, '/api/v1/admin/webhooks/wh_none', {
      method: 'DELETE',
      token: server.tokens.administrator,
    });
    expect(missing.status).toBe(404);
  });
});

describe('webhook deliveries across a restart (real SQLite file)', () => {
  test('a restart in the middle of retries resumes the delivery once, with its id; an overdue directive is noticed once', async () => {
    const receiver = await startReceiver();
    const dir = await mkdtemp(join(tmpdir(), 'plenum-webhooks-'));
    const file = join(dir, 'plenum.sqlite');
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const clock = manualClock();
    const open = async () => {
      const store = new SqliteStore(file);
      const app: App = createApp({
        store,
        logger: createLogger({ level: 'silent' }),
        clock,
        webhooks: loopbackAllowed,
      });
      const url = await listenOnLoopback(app.httpServer);
      const close = async () => {
        await app.close();
        await store.close();
      };
      onTestFinished(close);
      return { store, app, url, close };
    };

    const first = await open();
    const demo = await ensureDemo({
      sessions: first.app.sessions,
      commands: first.app.commands,
      settings: first.store,
      ids: first.app.ids,
    });
    const admin = await saveAdministrator(first.store);
    const { subscription } = await subscribe(first.url, admin.token, receiver.url, [
      'item.started',
      'directive.overdue',
    ]);
    const chairToken = demo.invitations.find((i) => i.participant.role === 'chair')!.token;
    const chair = await connectClient(first.url, { sessionId: demo.sessionId, token: chairToken });
    onTestFinished(() => void chair.disconnect());
    receiver.answers.push(500);
    expectOk(await sendCommand(chair, demo.sessionId, startItem('item-2')));
    const dueDate = clock.now().toISOString().slice(0, 10);
    expectOk(
      await sendCommand(chair, demo.sessionId, {
        type: 'directive:issue',
        payload: {
          kind: 'inspection',
          assigneeUnitId: 'harbour-fisheries',
          title: 'Inspect the catch ledgers',
          text: null,
          dueDate,
          fromCriticismId: null,
        },
      }),
    );
    await receiver.requests(1);
    await first.app.webhooks.runDue();
    const [pending] = await deliveries(first.url, admin.token, subscription.id);
    expect(pending).toMatchObject({ status: 'pending', attempts: [{ statusCode: 500 }] });
    chair.disconnect();
    await first.close();

    // Started again after the retry fell due: the queue resumes from the file.
    clock.advance(retry.maxMs);
    const second = await open();
    await second.app.webhooks.start();
    await second.app.webhooks.runDue();
    const [resumed] = (await deliveries(second.url, admin.token, subscription.id)).filter((d) => d.id === pending!.id);
    expect(resumed).toMatchObject({ status: 'delivered', attempts: [{ statusCode: 500 }, { statusCode: 200 }] });
    expect(receiver.received.filter((r) => r.headers['webhook-id'] === pending!.id)).toHaveLength(2);

    // The directive fell overdue the next day: noticed once, however often the schedule runs.
    const ours = (r: Received) => {
      const payload = WebhookPayloadSchema.parse(JSON.parse(r.body));
      return payload.type === 'directive.overdue' && payload.data.title === 'Inspect the catch ledgers';
    };
    clock.advance(24 * 3_600_000);
    await second.app.webhooks.checkOverdue();
    await second.app.webhooks.checkOverdue();
    await receiver.received$((all) => all.some(ours));
    await second.close();
    const third = await open();
    await third.app.webhooks.start();
    await third.app.webhooks.checkOverdue();
    await third.app.webhooks.runDue();
    const overdue = receiver.received.filter(ours);
    expect(overdue).toHaveLength(1);
    expect(JSON.parse(overdue[0]!.body)).toMatchObject({ data: { sessionId: demo.sessionId, seq: null, dueDate } });
    const noticed = (await deliveries(third.url, admin.token, subscription.id)).filter(
      (d) => d.eventType === 'directive.overdue' && d.status === 'delivered',
    );
    // Ours, and the demo's own overdue directives (noticed once each as well).
    expect(new Set(noticed.map((d) => d.id)).size).toBe(noticed.length);
    const overdueNotices = receiver.received
      .map((r) => ({ id: r.headers['webhook-id'], payload: WebhookPayloadSchema.parse(JSON.parse(r.body)) }))
      .filter(({ payload }) => payload.type === 'directive.overdue');
    expect(new Set(overdueNotices.map(({ id }) => id)).size).toBe(noticed.length);
    // The demo's Q4 review was followed by this one, which took over its open directives: only this one notices them.
    expect(new Set(overdueNotices.map(({ payload }) => payload.data.sessionId))).toEqual(new Set([demo.sessionId]));
  });
});
