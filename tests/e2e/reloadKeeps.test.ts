import { expect, test } from 'vitest';
import { describeBrowser, expectLive, openScreen, useBrowser } from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

describeBrowser('a reload', () => {
  const browser = useBrowser();

  test('keeps the chair on the tab it showed, with the directive it had not issued yet', async () => {
    const server = await startE2eServer();
    const { page } = await openScreen(browser(), server, 'chair');
    await page.getByTestId('tab-decisions').click();
    await page.getByTestId('issue-directive').click();
    await page.getByTestId('directive-title').fill('Explain the kiln stoppage');

    await page.reload({ waitUntil: 'domcontentloaded' });
    await expectLive(page);
    expect(await page.getByTestId('tab-decisions').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('directive-title').inputValue()).toBe('Explain the kiln stoppage');

    // Cancelled, it is gone for good; the tab stays.
    await page.getByTestId('directive-form').getByRole('button', { name: 'Cancel' }).click();
    await page.reload({ waitUntil: 'domcontentloaded' });
    await expectLive(page);
    await page.getByTestId('issue-directive').waitFor();
    expect(await page.getByTestId('directive-form').count()).toBe(0);
  });
});
