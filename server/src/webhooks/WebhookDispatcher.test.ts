import { describe, expect, test } from 'vitest';
import { SessionDirectory } from '../domain/sessionDirectory.js';
import { createLogger } from '../lib/logger.js';
import { demoWorld, manualClock } from '../test/demoWorld.js';
import { publicOnly } from './receiverPolicy.js';
import { WebhookDispatcher } from './WebhookDispatcher.js';

const handDriven = { after: () => () => undefined, nextTurn: (task: () => void) => void task() };

describe('the webhook dispatcher', () => {
  test('a sweep with nobody subscribed claims no delivery (the claim is a write transaction after every commit); with a subscription it claims what is due', async () => {
    const time = manualClock();
    const w = await demoWorld(time.clock);
    let claims = 0;
    const claim = w.store.webhooks.claimWebhookDeliveries.bind(w.store.webhooks);
    w.store.webhooks.claimWebhookDeliveries = (...args) => (claims++, claim(...args));
    const dispatcher = new WebhookDispatcher({
      store: w.store,
      directory: new SessionDirectory({
        store: w.store,
        read: (sessionId, view) => w.commands.read(sessionId, view),
        timers: handDriven,
        onSaveError: (error) => {
          throw error;
        },
      }),
      read: (sessionId, view) => w.commands.read(sessionId, view),
      clock: time.clock,
      timers: handDriven,
      logger: createLogger({ level: 'silent' }),
      policy: publicOnly,
    });
    await dispatcher.sweep(w.sessionId);
    expect(claims).toBe(0);
    await w.store.webhooks.saveWebhook({
      id: 'wh-1',
      organisationId: 'org',
      url: 'https://receiver.example/hooks',
      eventTypes: ['item.started'],
      active: false,
      createdAt: time.clock.now().toISOString(),
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    });
    await dispatcher.sweep(w.sessionId);
    expect(claims).toBe(1);
    await dispatcher.stop();
  });
});
