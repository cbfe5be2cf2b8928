import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import {
  criticismEntries,
  describeBrowser,
  itemStatus,
  openCriticismForm,
  openScreen,
  uiTimeoutMs,
  useBrowser,
} from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

/** The one-key shortcut a floor control announces in `aria-keyshortcuts`. */
async function shortcutOf(page: Page, testId: string): Promise<string> {
  const key = await page.getByTestId('floor-controls').getByTestId(testId).getAttribute('aria-keyshortcuts');
  expect(key, `[data-testid="${testId}"] has no aria-keyshortcuts`).toMatch(/^[A-Z]$/);
  return key!.toLowerCase();
}

/** The id of the one agenda item with `status`, once there is exactly one. */
async function onlyItemWith(page: Page, status: string): Promise<string> {
  const rows = page.locator(`[data-testid^="agenda-item-"][data-status="${status}"]`);
  await expect.poll(() => rows.count(), { timeout: uiTimeoutMs }).toBe(1);
  const testId = await rows.getAttribute('data-testid');
  return testId!.replace(/^agenda-item-/, '');
}

describeBrowser('the chair’s keyboard shortcuts', () => {
  const browser = useBrowser();

  test('start next, open floor and close run the item cycle, and are ignored while typing; rehearsal 5: close asks first, names the unruled criticism, and the item reopens with a reason', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair');
    const { page } = chair;
    const keys = {
      start: await shortcutOf(page, 'start-next-item'),
      openFloor: await shortcutOf(page, 'open-floor-current'),
      close: await shortcutOf(page, 'close-current'),
    };
    expect(await page.locator('[data-testid^="agenda-item-"][data-status="presenting"]').count()).toBe(0);

    await page.keyboard.press(keys.start);
    const itemId = await onlyItemWith(page, 'presenting');
    const presenting = await itemStatus(page, itemId);

    await page.keyboard.press(keys.openFloor);
    await expect.poll(async () => (await itemStatus(page, itemId)).status, { timeout: uiTimeoutMs }).toBe('floor-open');
    const floorOpen = await itemStatus(page, itemId);
    expect(floorOpen.text).not.toBe(presenting.text);

    // The close key typed into the criticism text is text, not a command. Posting that text is
    // a barrier: the server answers one socket's messages in order, so once the criticism is
    // listed, a close sent before it would have been folded too.
    const typed = `${keys.close}${keys.start} typed, not commands`;
    await openCriticismForm(page);
    await page.getByTestId('criticism-text').focus();
    await page.keyboard.type(typed);
    expect(await page.getByTestId('criticism-text').inputValue()).toBe(typed);
    await page.getByTestId('criticism-submit').click();
    await criticismEntries(page).filter({ hasText: typed }).waitFor();
    expect((await itemStatus(page, itemId)).status).toBe('floor-open');
    await page.getByTestId('criticism-text').blur();

    // Rehearsal 5: the close key asks first, naming the criticism nobody ruled on; Escape keeps the item open.
    await page.keyboard.press(keys.close);
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor({ timeout: uiTimeoutMs });
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await dialog.textContent()).toContain('1 criticism is not ruled on.');
    const confirm = page.getByTestId('confirm-close-item-confirm');
    expect(await confirm.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: uiTimeoutMs });
    expect((await itemStatus(page, itemId)).status).toBe('floor-open');

    // Enter confirms, once the dialog has put the focus on its confirm button (as a chair sees it).
    await page.keyboard.press(keys.close);
    await dialog.waitFor({ timeout: uiTimeoutMs });
    await expect
      .poll(() => confirm.evaluate((button) => button === document.activeElement), { timeout: uiTimeoutMs })
      .toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await itemStatus(page, itemId)).status, { timeout: uiTimeoutMs }).toBe('closed');
    expect((await itemStatus(page, itemId)).text).not.toBe(floorOpen.text);

    // The chair reopens it with a reason: back on the floor, the reason shown on the agenda and in the minutes.
    const reason = 'Closed by mistake while the criticism was open.';
    await page.getByTestId(`reopen-item-${itemId}`).click();
    await page.getByTestId(`reopen-item-form-${itemId}`).getByRole('textbox').fill(reason);
    await page.getByTestId(`reopen-item-form-${itemId}-submit`).click();
    await expect.poll(async () => (await itemStatus(page, itemId)).status, { timeout: uiTimeoutMs }).toBe('floor-open');
    expect(await page.getByTestId(`item-reopenings-${itemId}`).textContent()).toContain(reason);
    await page.getByTestId('tab-minutes').click();
    const minutesLine = page.getByTestId(`minutes-item-reopened-${itemId}`);
    await minutesLine.waitFor({ timeout: uiTimeoutMs });
    expect(await minutesLine.textContent()).toContain(reason);

    expect(chair.pageErrors).toEqual([]);
  });
});
