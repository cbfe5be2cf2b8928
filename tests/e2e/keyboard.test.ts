import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { describeBrowser, itemStatus, openScreen, tabTo, uiTimeoutMs, useBrowser } from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

const itemId = 'item-2';

/** True when the focused element shows the keyboard focus ring (`:focus-visible`). */
function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement?.matches(':focus-visible') ?? false);
}

/** Waits until the item's status attribute is `status` and returns the status words shown. */
async function statusBecomes(page: Page, status: string): Promise<string> {
  // A refusal shows as an alert: said in the failure, so a miss names its reason.
  const alerts = async () => (await page.getByRole('alert').allInnerTexts()).join(' | ');
  await expect
    .poll(async () => `${(await itemStatus(page, itemId)).status} (alerts: ${await alerts()})`, {
      timeout: uiTimeoutMs,
    })
    .toMatch(new RegExp(`^${status} `));
  return (await itemStatus(page, itemId)).text;
}

describeBrowser('the chair’s console, by keyboard only', () => {
  const browser = useBrowser();

  test('the chair starts an item, opens the floor and closes the item with Tab, Enter and Space', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair');
    const { page } = chair;
    // The console shows no keyboard shortcuts, so the controls are reached in tab order. No mouse from here on.
    const pending = await itemStatus(page, itemId);
    expect(pending.status).toBe('pending');

    await tabTo(page, `start-item-${itemId}`);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    const presenting = await statusBecomes(page, 'presenting');
    expect(presenting).not.toBe(pending.text);

    await tabTo(page, `open-floor-${itemId}`);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Space');
    const floorOpen = await statusBecomes(page, 'floor-open');
    expect(floorOpen).not.toBe(presenting);
    expect(floorOpen).not.toBe(pending.text);

    await tabTo(page, `close-item-${itemId}`);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    // Closing asks first; the focus is on the confirm button, so Enter confirms.
    await page.getByRole('alertdialog').waitFor({ timeout: uiTimeoutMs });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'confirm-close-item-confirm',
    );
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('alertdialog').waitFor({ state: 'detached', timeout: uiTimeoutMs });
    const closed = await statusBecomes(page, 'closed');
    expect(new Set([pending.text, presenting, floorOpen, closed]).size).toBe(4);
    // A closed item offers no floor actions any more.
    await page.getByTestId(`start-item-${itemId}`).waitFor({ state: 'detached', timeout: uiTimeoutMs });
    // The panel beside the agenda agrees.
    await page.getByTestId('current-item').locator('[data-status="closed"]').waitFor({ timeout: uiTimeoutMs });

    expect(chair.pageErrors).toEqual([]);
  });
});
