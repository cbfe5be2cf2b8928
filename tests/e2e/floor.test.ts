import { expect, test } from 'vitest';
import {
  criticismEntries,
  criticismIds,
  describeBrowser,
  expectLive,
  expectNoSeriousAxeViolations,
  openScreen,
  postCriticism,
  uiTimeoutMs,
  useBrowser,
} from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

// Issue 2: the chair runs an agenda item, an official raises a criticism through the form, and
// the chair's console and the room's big screen show it live.
const itemId = 'item-2'; // Riverside Steel Works, which has a report

describeBrowser('the floor, in three browsers', () => {
  const browser = useBrowser();

  test('an official’s criticism reaches the chair and the big screen live, and every screen passes axe', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair');
    const official = await openScreen(browser(), server, 'official');
    const bigScreen = await openScreen(browser(), server, 'observer');

    // The chair starts the item: it is on the floor on every screen.
    await chair.page.getByTestId(`start-item-${itemId}`).click();
    await expect
      .poll(() => chair.page.getByTestId(`agenda-item-${itemId}`).getAttribute('data-status'), { timeout: uiTimeoutMs })
      .toBe('presenting');
    for (const screen of [official, bigScreen]) {
      await screen.page
        .getByTestId('current-item')
        .locator('[data-status="presenting"]')
        .waitFor({ timeout: uiTimeoutMs });
    }

    // … and opens the floor.
    await chair.page.getByTestId(`open-floor-${itemId}`).click();
    for (const screen of [chair, official, bigScreen]) {
      await screen.page
        .getByTestId('current-item')
        .locator('[data-status="floor-open"]')
        .waitFor({ timeout: uiTimeoutMs });
    }

    // The official posts a criticism through the form.
    const text = `Riverside's steel output is reported at plan, but the rolling mill stood idle in February (${Date.now()}).`;
    await postCriticism(official.page, text);

    // It appears, once, on the official's own list, the chair's console and the big screen.
    for (const screen of [official, chair, bigScreen]) {
      const entry = criticismEntries(screen.page).filter({ hasText: text });
      await entry.waitFor({ timeout: uiTimeoutMs });
      await expect.poll(() => criticismEntries(screen.page).count(), { timeout: uiTimeoutMs }).toBe(1);
      await expect.poll(() => screen.page.getByTestId('criticism-pending').count(), { timeout: uiTimeoutMs }).toBe(0);
    }
    const [officialIds, chairIds, bigScreenIds] = await Promise.all(
      [official, chair, bigScreen].map((screen) => criticismIds(screen.page)),
    );
    expect(officialIds).toHaveLength(1);
    expect(chairIds).toEqual(officialIds);
    expect(bigScreenIds).toEqual(officialIds);
    // The form was cleared for the next point.
    expect(await official.page.getByTestId('criticism-text').inputValue()).toBe('');

    // The connection badge reads live on each screen.
    for (const screen of [chair, official, bigScreen]) await expectLive(screen.page);

    // No serious or critical accessibility violation on any of the three screens.
    await expectNoSeriousAxeViolations(
      { page: chair.page, label: 'chair' },
      { page: official.page, label: 'official' },
      { page: bigScreen.page, label: 'big screen (observer)' },
    );

    for (const screen of [chair, official, bigScreen]) expect(screen.pageErrors).toEqual([]);
  });
});
