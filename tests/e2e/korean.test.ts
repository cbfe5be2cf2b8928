import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import {
  describeBrowser,
  expectNoSeriousAxeViolations,
  openScreen,
  postCriticism,
  uiTimeoutMs,
  useBrowser,
} from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

const itemId = 'item-2';
const korean = JSON.parse(
  readFileSync(new URL('../../client/src/i18n/locales/ko/common.json', import.meta.url), 'utf8'),
) as {
  connection: { status: { live: string } };
};
const hangul = /[\uac00-\ud7a3]/;

describeBrowser('one flow in Korean', () => {
  const browser = useBrowser();

  test('the chair and an official switch to Korean mid-session and run the floor in it', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair');
    const official = await openScreen(browser(), server, 'official');

    // The language switches at any moment, without a reload and without losing the session.
    for (const screen of [chair, official]) {
      await screen.page.getByTestId('language-switch').selectOption('ko');
      await expect.poll(() => screen.page.locator('html').getAttribute('lang'), { timeout: uiTimeoutMs }).toBe('ko');
      await expect
        .poll(() => screen.page.getByTestId('connection-status').innerText(), { timeout: uiTimeoutMs })
        .toContain(korean.connection.status.live);
    }

    // A topic the server wrote in English when the session was convened reads in Korean.
    await chair.page
      .locator('.agenda-item__topic', { hasText: '재검토: Northern Coal Mine No. 3 (2025-Q4 경고)' })
      .waitFor({ timeout: uiTimeoutMs });

    await chair.page.getByTestId(`start-item-${itemId}`).click();
    await chair.page.getByTestId(`open-floor-${itemId}`).click();
    await official.page
      .getByTestId('current-item')
      .locator('[data-status="floor-open"]')
      .waitFor({ timeout: uiTimeoutMs });
    expect(await official.page.getByTestId('criticism-submit').innerText()).toMatch(hangul);
    expect(await chair.page.getByTestId(`agenda-item-${itemId}`).innerText()).toMatch(hangul);

    const text = `리버사이드 제철소의 압연 실적은 2월 가동 중단을 반영하지 않았습니다 (${Date.now()}).`;
    await postCriticism(official.page, text, [official.page, chair.page]);
    // Nothing English is left in the official's form labels after the switch.
    const formText = await official.page.getByTestId('criticism-form').innerText();
    expect(formText).toMatch(hangul);
    expect(formText).not.toMatch(/\b(Category|Severity|Post criticism)\b/);

    // The choice is kept: a reload comes back in Korean.
    await official.page.reload();
    await expect.poll(() => official.page.locator('html').getAttribute('lang'), { timeout: uiTimeoutMs }).toBe('ko');

    await expectNoSeriousAxeViolations(
      { page: chair.page, label: 'chair (ko)' },
      { page: official.page, label: 'official (ko)' },
    );
  });
});
