import { createServer } from 'node:http';
import { expect, onTestFinished, test } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { deferred } from '../helpers/deferred.js';
import { expectOk, sendCommand, startItem } from '../helpers/factories.js';
import { listenOnLoopback } from '../helpers/localServer.js';
import {
  describeBrowser,
  expectNoSeriousAxeViolations,
  openScreen,
  uiTimeoutMs,
  useBrowser,
} from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

describeBrowser('webhooks on screen', () => {
  const browser = useBrowser();

  test('the administrator adds a webhook (secret shown once), an item start reaches the receiver, the delivery log shows it and redelivers; the tab passes axe', async () => {
    const ids: string[] = [];
    const first = deferred();
    const receiver = createServer((req, res) => {
      ids.push(String(req.headers['webhook-id']));
      req.resume();
      req.on('end', () => {
        res.writeHead(ids.length === 1 ? 500 : 200).end();
        first.resolve();
      });
    });
    const receiverUrl = `${await listenOnLoopback(receiver)}/hooks`;
    onTestFinished(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
    // Loopback receivers allowed; the automatic retry an hour away, so only the redelivery sends again.
    const server = await startE2eServer({
      webhooks: {
        policy: { allowPrivate: true, allowedCidrs: [] },
        retry: { maxAttempts: 3, baseMs: 3_600_000, maxMs: 3_600_000 },
      },
    });
    const { page } = await openScreen(browser(), server, 'administrator', {
      url: server.adminUrl,
      ready: (p) => p.getByTestId('admin-you').waitFor({ timeout: uiTimeoutMs }),
    });

    const webhookCalls: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.includes('/webhooks')) webhookCalls.push(`${request.method()} ${pathname}`);
    });
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    await page.getByLabel('Receiver URL').fill(receiverUrl);
    await page.getByRole('checkbox', { name: /Agenda item started/ }).check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = page.getByTestId('webhook-secret');
    await expect.poll(() => secret.getByLabel('Signing secret').inputValue()).toMatch(/^whsec_/);
    await expectNoSeriousAxeViolations({ page, label: 'webhooks tab, the new secret shown' });
    await secret.getByRole('button', { name: 'I have kept it' }).click();
    await page.getByTestId('webhooks').getByRole('rowheader', { name: receiverUrl }).waitFor({ timeout: uiTimeoutMs });

    const chair = await connectClient(server.url, { sessionId: server.sessionId, token: server.tokens.chair });
    onTestFinished(() => void chair.disconnect());
    expectOk(await sendCommand(chair, server.sessionId, startItem('item-2')));
    await first.promise;

    await page.getByRole('button', { name: /Delivery log/ }).click();
    const log = page.getByTestId('webhook-log');
    await log.getByText('HTTP 500').waitFor({ timeout: uiTimeoutMs });
    await expectNoSeriousAxeViolations({ page, label: 'webhooks tab, a delivery log open' });
    await log.getByRole('button', { name: /Redeliver/ }).click();
    await log.getByText('Redelivered.').waitFor({ timeout: uiTimeoutMs });
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);
    // The console keeps webhooks through the documented REST API v1.
    expect(webhookCalls.length).toBeGreaterThanOrEqual(4);
    expect(
      webhookCalls.filter((call) => !/^(GET|POST|PATCH|DELETE) \/api\/v1\/admin\/webhooks(\/|$)/.test(call)),
    ).toEqual([]);
  });
});
