import { expect, test } from 'vitest';
import {
  criticismEntries,
  criticismIds,
  describeBrowser,
  expectLive,
  openScreen,
  postCriticism,
  uiTimeoutMs,
  useBrowser,
} from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';
import type { Page } from 'playwright-core';

const itemId = 'item-2';

function badgeStatus(page: Page): Promise<string | null> {
  return page.getByTestId('connection-status').getAttribute('data-status');
}

describeBrowser('reconnecting in the browser', () => {
  const browser = useBrowser();

  test('an official who drops off the network catches up on return, without duplicates, and is live again', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair');
    const official = await openScreen(browser(), server, 'official');

    await chair.page.getByTestId(`start-item-${itemId}`).click();
    await official.page.getByTestId('current-item').locator('[data-status="presenting"]').waitFor();
    const before = `Seen before the drop (${Date.now()})`;
    await postCriticism(official.page, before);
    await criticismEntries(chair.page).filter({ hasText: before }).waitFor();

    // The official's network goes away: the badge stops saying live and posting is not offered.
    await official.context.setOffline(true);
    await expect.poll(() => badgeStatus(official.page), { timeout: uiTimeoutMs }).not.toBe('live');
    expect(await official.page.getByTestId('criticism-submit').isDisabled()).toBe(true);

    // Meanwhile the chair opens the floor and raises two points of their own.
    await chair.page.getByTestId(`open-floor-${itemId}`).click();
    await chair.page.getByTestId('current-item').locator('[data-status="floor-open"]').waitFor();
    const missed = [`Missed while offline, first (${Date.now()})`, `Missed while offline, second (${Date.now()})`];
    for (const text of missed) await postCriticism(chair.page, text);
    // Still offline: the official's screen has not moved.
    expect(await official.page.getByTestId('current-item').locator('[data-status="presenting"]').count()).toBe(1);
    expect(await criticismEntries(official.page).count()).toBe(1);

    // Back online: live again, with everything missed shown exactly once.
    await official.context.setOffline(false);
    await expectLive(official.page);
    await official.page.getByTestId('current-item').locator('[data-status="floor-open"]').waitFor();
    for (const text of [before, ...missed]) {
      await criticismEntries(official.page).filter({ hasText: text }).waitFor();
    }
    await expect.poll(() => criticismEntries(official.page).count(), { timeout: uiTimeoutMs }).toBe(3);
    const ids = await criticismIds(official.page);
    expect(new Set(ids).size).toBe(3);
    expect(ids).toEqual(await criticismIds(chair.page));
    for (const text of [before, ...missed]) {
      expect(await criticismEntries(official.page).filter({ hasText: text }).count()).toBe(1);
    }
    // The same on the chair's side, whose connection never dropped.
    expect(await criticismEntries(chair.page).count()).toBe(3);
    await expectLive(chair.page);

    // The official can take part again.
    const after = `Posted after the return (${Date.now()})`;
    await postCriticism(official.page, after);
    await criticismEntries(chair.page).filter({ hasText: after }).waitFor();
    await expect.poll(() => criticismEntries(official.page).count(), { timeout: uiTimeoutMs }).toBe(4);

    for (const screen of [chair, official]) expect(screen.pageErrors).toEqual([]);
  });
});
