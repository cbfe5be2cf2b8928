import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { describeBrowser, expectLive, openScreen, tabTo, uiTimeoutMs, useBrowser } from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

/** The demo's Q1 review, which the new session follows up. */
const q1 = 'demo-2026-q1';

/** Types `text` into the field with `testId`, reached by Tab. */
async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  await tabTo(page, testId);
  await page.keyboard.type(text);
}

/**
 * Types the date `iso` (YYYY-MM-DD) into the date field with `testId`, reached by Tab. The field
 * takes its parts in the browser's order (month or day first), found by typing a probe first;
 * ← ← then goes back to the first part.
 */
async function typeDate(page: Page, testId: string, iso: string): Promise<void> {
  await typeInto(page, testId, '01022030');
  const isMonthFirst = (await page.getByTestId(testId).inputValue()) === '2030-01-02';
  const [year, month, day] = iso.split('-');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(isMonthFirst ? `${month}${day}${year}` : `${day}${month}${year}`);
  expect(await page.getByTestId(testId).inputValue()).toBe(iso);
}

/** The ids of day 1's items in the preparation view, in order. */
function dayOneOrder(page: Page): Promise<string[]> {
  return page
    .getByTestId('prepare-day-day-1')
    .locator('li[data-testid^="prepare-item-"]')
    .evaluateAll((rows) => rows.map((row) => (row.getAttribute('data-testid') ?? '').replace(/^prepare-item-/, '')));
}

describeBrowser('preparing a review, by keyboard only', () => {
  const browser = useBrowser();

  test('the administrator convenes Q2 from Q1 and moves an item up with Tab, Space, Enter and Alt+↑, no mouse', async () => {
    const server = await startE2eServer();
    const { page, pageErrors } = await openScreen(browser(), server, 'administrator', {
      url: server.adminUrl,
      ready: (opened) => opened.getByTestId('admin-you').waitFor({ timeout: uiTimeoutMs }),
    });

    // The form opens with Space; it proposes the period after Q1's, following Q1, the agenda proposed.
    await tabTo(page, 'convene-open');
    await page.keyboard.press('Space');
    await typeInto(page, 'convene-title', 'Northern Province — second-quarter economic review');
    expect(await page.getByTestId('convene-period').inputValue()).toBe('2026-Q2');
    await typeDate(page, 'convene-day-0-date', new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10));
    await typeInto(page, 'convene-day-0-title', 'Review of the second quarter');
    expect(await page.getByTestId('convene-previous').inputValue()).toBe(q1);
    expect(await page.getByTestId('convene-propose').isChecked()).toBe(true);
    await typeInto(page, 'convene-chair-name', 'Chair — Kim Minho');
    await tabTo(page, 'convene-submit');
    await page.keyboard.press('Enter');

    // The chair's link is shown once, its heading focused; the preparation is the next stop.
    await page.getByTestId('chair-link').waitFor();
    await tabTo(page, 'chair-link-prepare');
    await page.keyboard.press('Enter');
    await expectLive(page);
    await page.getByTestId('prepare-view').waitFor();

    // The last item of day 1 moves up one place with Alt+↑ on its row; the focus stays on it.
    const before = await dayOneOrder(page);
    expect(before.length).toBeGreaterThan(2);
    const item = before.at(-1)!;
    await tabTo(page, `prepare-item-${item}`, 400);
    await page.keyboard.press('Alt+ArrowUp');
    const after = [...before.slice(0, -2), item, before.at(-2)!];
    await expect.poll(() => dayOneOrder(page), { timeout: uiTimeoutMs }).toEqual(after);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), { timeout: uiTimeoutMs })
      .toBe(`prepare-item-${item}`);
    // Screen readers are told where it went.
    expect(await page.getByTestId('prepare-announcer').textContent()).toContain(String(before.length - 1));

    expect(pageErrors).toEqual([]);
  });
});
