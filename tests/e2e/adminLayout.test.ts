import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { describeBrowser, openScreen, uiTimeoutMs, useBrowser } from './helpers/browser.js';
import { startE2eServer, type E2eServer } from './helpers/e2eServer.js';

// The administrator's console laid out in a real browser: on a phone every tab is in view (the
// row wraps, never scrolls sideways), at 1440 px the tabs keep one row; the "You" tag stands
// apart from the administrator's name.

const phone = { width: 390, height: 844 };
const desktop = { width: 1440, height: 900 };

/** The console at `viewport`, in `language`, on its Administrators tab. */
async function openAdministrators(
  browser: Parameters<typeof openScreen>[0],
  server: E2eServer,
  viewport: { width: number; height: number },
  language: 'en' | 'ko',
): Promise<Page> {
  const { page } = await openScreen(browser, server, 'administrator', {
    url: server.adminUrl,
    viewport,
    beforeLoad: async (page) => {
      await page.addInitScript((chosen) => localStorage.setItem('plenum:language', chosen), language);
    },
    ready: (page) => page.getByTestId('admin-you').waitFor({ timeout: uiTimeoutMs }),
  });
  await page.getByTestId('tab-administrators').click();
  await page.getByTestId('administrators').waitFor();
  return page;
}

/** The tab bar's sideways overflow, and each tab's edges and top, rounded to pixels. */
function tabBar(page: Page) {
  return page.getByRole('tablist').evaluate((list) => ({
    overflow: list.scrollWidth - list.clientWidth,
    tabs: Array.from(list.querySelectorAll<HTMLElement>('[role="tab"]'), (tab) => {
      const box = tab.getBoundingClientRect();
      return { left: Math.round(box.left), right: Math.round(box.right), top: Math.round(box.top) };
    }),
  }));
}

/** The space between the signed-in administrator's name and the "You" tag after it, in pixels. */
function youTagGap(page: Page) {
  return page.locator('[data-testid^="administrator-"] th .tag').evaluate((tag) => {
    // The name is whatever comes before the tag in its cell, text or element.
    const name = document.createRange();
    name.setStartBefore(tag.parentElement!.firstChild!);
    name.setEndBefore(tag);
    return tag.getBoundingClientRect().left - name.getBoundingClientRect().right;
  });
}

describeBrowser('the administrator’s console laid out', () => {
  const browser = useBrowser();

  test('at 390 px every tab is in view without sideways scrolling, in English and Korean; at 1440 px they keep one row; “You” stands apart from the name', async () => {
    const server = await startE2eServer();
    for (const language of ['en', 'ko'] as const) {
      const page = await openAdministrators(browser(), server, phone, language);
      const bar = await tabBar(page);
      expect(bar.overflow, language).toBeLessThanOrEqual(0);
      expect(bar.tabs, language).toHaveLength(5);
      for (const tab of bar.tabs) {
        expect(tab.left, language).toBeGreaterThanOrEqual(0);
        expect(tab.right, language).toBeLessThanOrEqual(phone.width);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
      expect(await youTagGap(page), language).toBeGreaterThanOrEqual(4);

      const wide = await openAdministrators(browser(), server, desktop, language);
      const wideBar = await tabBar(wide);
      expect(new Set(wideBar.tabs.map((tab) => tab.top)).size, language).toBe(1);
      expect(await youTagGap(wide), language).toBeGreaterThanOrEqual(4);
    }
  });
});
