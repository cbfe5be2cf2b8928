import { demoSessionIds } from '@plenum/server';
import { addDays } from '@plenum/shared';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import {
  describeBrowser,
  expectNoSeriousAxeViolations,
  openScreen,
  uiTimeoutMs,
  useBrowser,
} from './helpers/browser.js';
import { startE2eServer, type E2eServer } from './helpers/e2eServer.js';

// The cascade on screen: from the demo's closed Q4 review, the administrator convenes a county's
// own follow-up in one step; its chair's link opens a session whose agenda is the Q4 review's
// warning and explanation about the county's workplace.

const q4 = demoSessionIds.previous;

/** The follow-up's day, a week from today: a follow-up is refused a day in the past. */
const followUpDay = addDays(new Date().toISOString().slice(0, 10), 7);

/** The administrator's console, signed in, at `viewport`. */
function openConsole(
  browser: Parameters<typeof openScreen>[0],
  server: E2eServer,
  viewport: { width: number; height: number },
) {
  return openScreen(browser, server, 'administrator', {
    url: server.adminUrl,
    viewport,
    ready: (page) => page.getByTestId('admin-you').waitFor({ timeout: uiTimeoutMs }),
  });
}

/** Opens the follow-up step on the Q4 review and waits for its levels. */
async function openFollowUp(page: Page): Promise<void> {
  await page.getByTestId(`follow-up-open-${q4}`).click();
  await page.getByTestId('follow-up-level').locator('option[value="eastfield-county"]').waitFor({ state: 'attached' });
}

describeBrowser('the cascade down the line on screen', () => {
  const browser = useBrowser();

  test('the administrator convenes a county’s follow-up of the closed Q4 review in one step; its chair finds the Q4 warning and explanation about its workplace on the agenda; at 390 px nothing runs off the screen', async () => {
    const server = await startE2eServer();
    const admin = await openConsole(browser(), server, { width: 1440, height: 900 });
    const { page } = admin;
    await openFollowUp(page);
    await page.getByTestId('follow-up-level').selectOption('eastfield-county');
    await expect
      .poll(() => page.getByTestId('follow-up-title').inputValue())
      .toMatch(/^Eastfield County — follow-up of /);
    await page.getByTestId('follow-up-submit').click();
    // Refused before sending: the day and the chair are named.
    await expect.poll(() => page.getByTestId('follow-up-chair-name').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('convene-day-0-date').fill(followUpDay);
    await page.getByTestId('convene-day-0-title').fill('Workplaces of the county');
    await page.getByTestId('follow-up-warning').fill('80');
    await page.getByTestId('follow-up-chair-name').fill('Chair — Eastfield County');
    await expectNoSeriousAxeViolations({ page, label: 'administrator’s follow-up form' });
    const submit = page.getByTestId('follow-up-submit');
    expect(await submit.textContent()).toBe('Convene a follow-up for Eastfield County');
    await submit.click();

    const notice = page.getByTestId('follow-up-chair-link');
    const link = await notice.getByLabel('Link').inputValue();
    expect(link).toContain('#token=');
    const followUpId = new URL(link).pathname.split('/').at(-1)!;
    const state = await server.app.commands.state(followUpId);
    expect(state.definition).toMatchObject({ organiserUnitId: 'eastfield-county', cascadeFromSessionId: q4 });
    expect(state.definition?.thresholds.warningBelow).toBe(0.8);
    expect(state.cascadedWarnings.map((w) => w.unitId)).toEqual(['coal-mine-3']);
    expect(Object.values(state.directives).map((d) => [d.assigneeUnitId, d.cascadedFromSessionId])).toEqual([
      ['coal-mine-3', q4],
    ]);

    // The follow-up's chair opens the link: the county's workplace is on the agenda, warned at Q4.
    const chair = await openScreen(browser(), server, 'chair', { url: link });
    await chair.page
      .getByText(/warned at .*2025-Q4/)
      .first()
      .waitFor();
    expect(admin.pageErrors).toEqual([]);
    expect(chair.pageErrors).toEqual([]);

    const phone = { width: 390, height: 844 };
    const small = await openConsole(browser(), server, phone);
    await openFollowUp(small.page);
    expect(await small.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
  });
});
