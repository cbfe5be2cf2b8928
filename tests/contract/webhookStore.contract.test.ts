import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { InMemoryStore, SqliteStore, type NewWebhookDelivery, type Store } from '@plenum/server';
import { PostgresStore } from '@plenum/server/postgres';
import { describe, expect, onTestFinished, test } from 'vitest';
import { tempDir } from '../helpers/tempDir.js';

/** The same behaviour of the webhook queue from every store adapter. */
function webhookStoreContract(name: string, open: () => Promise<Store>) {
  const openStore = async () => {
    const store = await open();
    onTestFinished(() => store.close());
    return store.webhooks;
  };
  const subscription = {
    id: 'wh_1',
    organisationId: 'org',
    url: 'https://receiver.example/hooks',
    eventTypes: ['item.started' as const],
    active: true,
    createdAt: '2026-04-13T08:00:00.000Z',
    secret: 'whsec_c2VjcmV0',
  };
  const delivery = (id: string, nextAttemptAt: string): NewWebhookDelivery => ({
    id,
    subscriptionId: 'wh_1',
    eventType: 'item.started',
    createdAt: '2026-04-13T08:00:00.000Z',
    body: '{"type":"item.started"}',
    nextAttemptAt,
    attemptsLeft: 3,
  });

  describe(`${name} webhook queue`, () => {
    test('a delivery id is enqueued once, and the cursor only moves forward', async () => {
      const webhooks = await openStore();
      await webhooks.saveWebhook(subscription);
      const d = delivery('msg_a', '2026-04-13T08:00:00.000Z');
      expect(await webhooks.enqueueWebhookDeliveries([d], { kind: 'cursor', sessionId: 's1', seq: 5 })).toBe(1);
      expect(await webhooks.enqueueWebhookDeliveries([d], { kind: 'cursor', sessionId: 's1', seq: 3 })).toBe(0);
      expect(await webhooks.webhookCursor('s1')).toBe(5);
      await webhooks.enqueueWebhookDeliveries([], {
        kind: 'overdue',
        sessionId: 's1',
        directiveId: 'd1',
        at: d.createdAt,
      });
      expect(await webhooks.overdueNotices('s1')).toEqual(new Set(['d1']));
      expect(await webhooks.listWebhooks()).toEqual([subscription]);
    });

    test('claiming leases due deliveries; attempts are numbered; redelivery makes one due again', async () => {
      const webhooks = await openStore();
      await webhooks.saveWebhook(subscription);
      await webhooks.enqueueWebhookDeliveries(
        [delivery('msg_a', '2026-04-13T08:00:00.000Z'), delivery('msg_b', '2026-04-13T09:00:00.000Z')],
        { kind: 'cursor', sessionId: 's1', seq: 1 },
      );
      const claimed = await webhooks.claimWebhookDeliveries('2026-04-13T08:30:00.000Z', '2026-04-13T08:31:00.000Z', 10);
      expect(claimed.map((c) => c.id)).toEqual(['msg_a']);
      expect(await webhooks.claimWebhookDeliveries('2026-04-13T08:30:30.000Z', '2026-04-13T08:32:00.000Z', 10)).toEqual(
        [],
      );
      expect(await webhooks.nextWebhookAttemptAt()).toBe('2026-04-13T08:31:00.000Z');
      const attempt = {
        at: '2026-04-13T08:30:00.000Z',
        statusCode: 500,
        durationMs: 3,
        error: 'the receiver answered 500',
      };
      await webhooks.recordWebhookAttempt('msg_a', '2026-04-13T08:31:00.000Z', attempt, {
        status: 'failed',
        nextAttemptAt: null,
        attemptsLeft: 0,
      });
      // A sender whose lease was not this one's leaves its attempt but not its verdict.
      await webhooks.recordWebhookAttempt('msg_b', '2026-04-13T08:31:00.000Z', attempt, {
        status: 'failed',
        nextAttemptAt: null,
        attemptsLeft: 0,
      });
      expect(await webhooks.findWebhookDelivery('msg_b')).toMatchObject({
        status: 'pending',
        attempts: [{ attempt: 1 }],
      });
      expect(await webhooks.redeliverWebhook('msg_a', '2026-04-13T08:40:00.000Z')).toBe(true);
      await webhooks.recordWebhookAttempt(
        'msg_a',
        '2026-04-13T08:40:00.000Z',
        { ...attempt, statusCode: 200, error: null },
        {
          status: 'delivered',
          nextAttemptAt: null,
          attemptsLeft: 0,
        },
      );
      const found = await webhooks.findWebhookDelivery('msg_a');
      expect(found).toMatchObject({ status: 'delivered', attempts: [{ attempt: 1 }, { attempt: 2, statusCode: 200 }] });
      expect((await webhooks.listWebhookDeliveries('wh_1', 10)).map((d) => d.id).sort()).toEqual(['msg_a', 'msg_b']);
      expect(await webhooks.deleteWebhook('wh_1')).toBe(true);
      expect(await webhooks.findWebhookDelivery('msg_a')).toBeNull();
      expect(await webhooks.nextWebhookAttemptAt()).toBeNull();
    });
  });
}

webhookStoreContract('InMemoryStore', () => Promise.resolve(new InMemoryStore()));

webhookStoreContract('SqliteStore', async () => new SqliteStore(join(await tempDir(), 'plenum.sqlite')));

const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
  webhookStoreContract('PostgresStore', async () => {
    const schema = `plenum_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    onTestFinished(() => PostgresStore.dropSchema(databaseUrl, schema));
    return PostgresStore.open(databaseUrl, { schema });
  });
} else {
  test.skip('PostgresStore webhook queue: runs when DATABASE_URL is set', () => undefined);
}
