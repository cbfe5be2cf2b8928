import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { describeBrowser, openScreen, uiTimeoutMs, useBrowser, type Screen } from './helpers/browser.js';
import { startE2eServer, type E2eServer } from './helpers/e2eServer.js';

// A room's television and a 4K projector: the big screen must use them, not a corner of them.
const roomScreens = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

/** How much of its screen the big screen uses, and the smallest text it shows, as fractions of the viewport. */
async function measure(page: Page) {
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(() => {
    const parts = Array.from(document.querySelectorAll('.big-screen__main > *')).map((part) =>
      part.getBoundingClientRect(),
    );
    const left = Math.min(...parts.map((box) => box.left));
    const right = Math.max(...parts.map((box) => box.right));
    // Every element that holds text of its own, in the main content and the session's title;
    // not the glyphs hidden from assistive technology (a severity's ▲), whose words sit beside them.
    const texts = Array.from(document.querySelectorAll('.big-screen__main *, .big-screen__title *')).filter(
      (element) =>
        element.closest('.visually-hidden, [aria-hidden="true"]') === null &&
        element.getClientRects().length > 0 &&
        Array.from(element.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim()),
    );
    const sizeOf = (element: Element) => parseFloat(getComputedStyle(element).fontSize);
    const smallestElement = texts.reduce((a, b) => (sizeOf(b) < sizeOf(a) ? b : a));
    const smallest = sizeOf(smallestElement);
    return {
      width: (right - left) / window.innerWidth,
      height: Math.max(...parts.map((box) => box.bottom)) / window.innerHeight,
      smallestText: smallest / window.innerHeight,
      smallestIs: `${smallestElement.className || smallestElement.tagName}: ${smallestElement.textContent?.slice(0, 40) ?? ''}`,
      texts: texts.length,
      scrollsDown: document.documentElement.scrollHeight > window.innerHeight,
      scrollsAcross: document.documentElement.scrollWidth > window.innerWidth,
      scrollY: window.scrollY,
    };
  });
}

/**
 * The room screen fills its width (and, with an item on the floor, `heightUsed` of its height),
 * its smallest text reads from the back of the room, and nothing scrolls, in English and Korean.
 */
async function expectRoomSized(room: Screen, state: string, heightUsed = 0): Promise<void> {
  const { width, height } = room.page.viewportSize() ?? { width: 0, height: 0 };
  for (const language of ['en', 'ko']) {
    await room.page.getByTestId('language-switch').selectOption(language);
    await expect.poll(() => room.page.locator('html').getAttribute('lang'), { timeout: uiTimeoutMs }).toBe(language);
    const seen = await measure(room.page);
    const label = `${state}, ${width}×${height}, ${language}: ${JSON.stringify(seen)}`;
    expect(seen.texts, label).toBeGreaterThan(5);
    expect(seen.width, label).toBeGreaterThanOrEqual(0.8);
    expect(seen.height, label).toBeGreaterThanOrEqual(heightUsed);
    expect(seen.smallestText, label).toBeGreaterThanOrEqual(0.016);
    expect(seen.scrollsDown, label).toBe(false);
    expect(seen.scrollsAcross, label).toBe(false);
    expect(seen.scrollY, label).toBe(0);
  }
  await room.page.getByTestId('language-switch').selectOption('en');
}

/** The demo's second review of Northern Coal Mine No. 3: the tallest item the room screen shows (a warning's figures, flags). */
async function coalMineSecondReview(server: E2eServer): Promise<string> {
  const state = await server.app.commands.state(server.sessionId);
  const item = Object.values(state.agenda).find(
    (candidate) => candidate.warningId !== null && candidate.topic.includes('Northern Coal Mine'),
  );
  if (!item) expect.fail('the demo has no second review of the coal mine');
  return item.id;
}

describeBrowser('the big screen scales to the room’s screen', () => {
  const browser = useBrowser();

  test('at 1920×1080 and 3840×2160 it fills the width with type readable from the back, without scrolling, in English and Korean', async () => {
    const server = await startE2eServer();
    const rooms = [];
    for (const viewport of roomScreens) rooms.push(await openScreen(browser(), server, 'observer', { viewport }));

    for (const room of rooms) {
      await room.page.getByTestId('big-screen-today').waitFor();
      await expectRoomSized(room, 'before the first item');
    }

    const itemId = await coalMineSecondReview(server);
    const { chair, official } = server.participants;
    await server.app.commands.execute(chair, server.sessionId, 'scale-start', {
      type: 'agenda:start-item',
      payload: { itemId },
    });
    await server.app.commands.execute(chair, server.sessionId, 'scale-floor', {
      type: 'agenda:open-floor',
      payload: { itemId },
    });
    for (let n = 1; n <= 5; n++) {
      const text = `Point ${n}: the coal extracted in March is reported twice in the monthly returns, once by the mine and once by the county, and the plan is met only on paper.`;
      await server.app.commands.execute(official, server.sessionId, `scale-criticism-${n}`, {
        type: 'criticism:post',
        payload: { itemId, category: 'inflated-report', severity: 'high', indicatorId: null, text },
      });
    }
    for (const room of rooms) {
      await room.page.getByTestId('big-screen-second-review').waitFor();
      await room.page.getByTestId('report-figures').locator('.key-figures').waitFor();
      await room.page.locator('.criticism__text').filter({ hasText: 'Point 5' }).waitFor({ timeout: uiTimeoutMs });
      await expectRoomSized(room, 'second review with criticism', 0.6);
      expect(room.pageErrors).toEqual([]);
    }
  });
});
