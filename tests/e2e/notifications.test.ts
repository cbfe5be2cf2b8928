import { expect, onTestFinished, test } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { expectOk, sendCommand, startItem } from '../helpers/factories.js';
import {
  describeBrowser,
  expectNoSeriousAxeViolations,
  openScreen,
  tabTo,
  uiTimeoutMs,
  useBrowser,
} from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

describeBrowser('notifications on screen', () => {
  const browser = useBrowser();

  test('a presenter on another tab gets "your item starts" when the chair starts it; the bell count goes down when read; the panel passes axe', async () => {
    const server = await startE2eServer();
    const { page, context } = await openScreen(browser(), server, 'presenter');
    const bell = page.getByTestId('notification-bell');
    await expect.poll(() => bell.getAttribute('data-unread'), { timeout: uiTimeoutMs }).toBe('0');

    // The presenter is looking at another tab of the same browser when the item starts.
    const elsewhere = await context.newPage();
    await elsewhere.goto('about:blank');
    await elsewhere.bringToFront();
    const chair = await connectClient(server.url, { sessionId: server.sessionId, token: server.tokens.chair });
    onTestFinished(() => void chair.disconnect());
    const state = await server.app.commands.read(server.sessionId, (s) => s);
    const unitId = server.participants.presenter.unitId;
    const itemId = state.agendaOrder.find((id) => state.agenda[id]!.unitId === unitId)!;
    expectOk(await sendCommand(chair, server.sessionId, startItem(itemId)));

    await expect.poll(() => bell.getAttribute('data-unread'), { timeout: uiTimeoutMs }).toBe('1');
    await expect.poll(() => page.getByRole('status').filter({ hasText: '1 unread notification' }).count()).toBe(1);
    await page.bringToFront();
    // Reached and opened from the keyboard; Escape closes the panel and gives the focus back.
    await tabTo(page, 'notification-bell');
    await page.keyboard.press('Enter');
    await page.getByTestId('notification-panel').waitFor({ timeout: uiTimeoutMs });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('notification-panel').count()).toBe(0);
    expect(await bell.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('notification-panel');
    const entry = panel.getByTestId('notification');
    await expect.poll(() => entry.textContent()).toContain(`Your item starts: ${state.agenda[itemId]!.topic}`);
    await expectNoSeriousAxeViolations({ page, label: 'notification panel open, one unread' });

    await entry.getByTestId('notification-read').click();
    await expect.poll(() => bell.getAttribute('data-unread'), { timeout: uiTimeoutMs }).toBe('0');
    expect(await entry.getByTestId('notification-read').count()).toBe(0);
    // Read stays read after a reload: the server keeps it.
    await page.reload();
    await expect
      .poll(() => page.getByTestId('notification-bell').getAttribute('data-unread'), {
        timeout: uiTimeoutMs,
      })
      .toBe('0');
    await page.getByTestId('notification-bell').click();
    await expect.poll(() => page.getByTestId('notification').count()).toBe(1);
  });
});
