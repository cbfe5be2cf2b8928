import { expect, test } from 'vitest';
import {
  criticismEntries,
  describeBrowser,
  expectLive,
  openScreen,
  postCriticism,
  uiTimeoutMs,
  useBrowser,
} from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';
import { loseNextCommandAnswer, type LostAnswer } from './helpers/socketFaults.js';

const itemId = 'item-2';

describeBrowser('a connection lost between a command and its answer', () => {
  const browser = useBrowser();

  test('a criticism recorded by the server is not reported as unsent after the reconnect', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair');
    const routes: LostAnswer[] = [];
    const official = await openScreen(browser(), server, 'official', {
      beforeLoad: async (page) => {
        routes.push(await loseNextCommandAnswer(page));
      },
    });
    const [lost] = routes;
    if (!lost) throw new Error('the WebSocket route was not installed');
    await expect.poll(() => lost.isOnWebSocket(), { timeout: uiTimeoutMs }).toBe(true);

    await chair.page.getByTestId(`start-item-${itemId}`).click();
    await official.page.getByTestId('current-item').locator('[data-status="presenting"]').waitFor();
    const text = `Recorded, but the answer was lost (${Date.now()})`;
    lost.arm('criticism:post');
    // The server records it, so the chair sees it; the answer to the official is lost.
    await postCriticism(official.page, text, [chair.page]);
    await expect.poll(() => lost.hasDropped(), { timeout: uiTimeoutMs }).toBe(true);

    // The official sees it too after catching up.
    await expectLive(official.page);
    await criticismEntries(official.page).filter({ hasText: text }).waitFor();
    expect(await criticismEntries(official.page).count()).toBe(1);

    // So the form must not say it was not posted, nor offer the same text to post again.
    expect(await official.page.getByTestId('criticism-form').getByRole('alert').count()).toBe(0);
    expect(await official.page.getByTestId('criticism-text').inputValue()).toBe('');
  });
});
