import { describe, expect, test } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { demoWorld, handDriven, manualClock, worldDirectory } from '../test/demoWorld.js';
import { publicOnly } from './receiverPolicy.js';
import { WebhookDispatcher } from './WebhookDispatcher.js';

describe('the webhook dispatcher', () => {
  test('a sweep with nobody subscribed claims no delivery (the claim is a write transaction after every commit); with a subscription it claims what is due', async () => {
    const time = manualClock();
    const w = await demoWorld(time.clock);
    let claims = 0;
    const claim = w.store.webhooks.claimWebhookDeliveries.bind(w.store.webhooks);
    w.store.webhooks.claimWebhookDeliveries = (...args) => (claims++, claim(...args));
    const dispatcher = new WebhookDispatcher({
      store: w.store,
      directory: worldDirectory(w),
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
