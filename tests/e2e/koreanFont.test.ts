import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import {
  criticismEntries,
  describeBrowser,
  openScreen,
  postCriticism,
  uiTimeoutMs,
  useBrowser,
} from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

const shippedFamily = 'Noto Sans KR';
const hangul = /[\uac00-\ud7a3]/;

/**
 * The fonts chromium actually drew the text of the first element matching `selector` with
 * (DevTools' CSS.getPlatformFontsForNode): the family of each and whether it came from a web
 * font. This is what the eye sees, whatever fonts the machine has installed.
 */
async function renderedFonts(page: Page, selector: string): Promise<{ familyName: string; isCustomFont: boolean }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map(({ familyName, isCustomFont }) => ({ familyName, isCustomFont }));
  } finally {
    await cdp.detach();
  }
}

/** The family of each web font face the page has registered (`@font-face` rules it loaded), one per face. */
function registeredFaces(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const families: string[] = [];
    document.fonts.forEach((face) => families.push(face.family.replace(/^["']|["']$/g, '')));
    return families;
  });
}

describeBrowser('the Korean font ships with the client', () => {
  const browser = useBrowser();

  test('rehearsal 18: Hangul is drawn with the shipped Noto Sans KR, fetched only once Korean is chosen', async () => {
    const server = await startE2eServer();
    const official = await openScreen(browser(), server, 'official');
    const fontRequests: string[] = [];
    official.page.on('request', (request) => {
      if (request.resourceType() === 'font') fontRequests.push(request.url());
    });

    // In English the Korean font costs nothing: no face registered, no file fetched.
    expect(await registeredFaces(official.page)).not.toContain(shippedFamily);

    await official.page.getByTestId('language-switch').selectOption('ko');
    await expect.poll(() => official.page.locator('html').getAttribute('lang'), { timeout: uiTimeoutMs }).toBe('ko');
    const selectedTab = '#main [role="tab"][aria-selected="true"]';
    expect(await official.page.locator(selectedTab).innerText()).toMatch(hangul);
    await official.page.evaluate(() => document.fonts.ready);

    // The tab's Hangul is drawn with the web font served by Plenum itself, not a system font
    // and not the empty boxes of a missing glyph.
    // (The files name their family after the weight they were cut from, e.g. "Noto Sans KR Thin".)
    await expect
      .poll(() => renderedFonts(official.page, selectedTab), { timeout: uiTimeoutMs })
      .toEqual([{ familyName: expect.stringMatching(/^Noto Sans KR\b/) as string, isCustomFont: true }]);
    expect(fontRequests.length).toBeGreaterThan(0);
    for (const url of fontRequests) expect(url.startsWith(`${server.url}/assets/`)).toBe(true);
    // Split by unicode-range: only the subsets holding the characters on screen are fetched.
    const faces = (await registeredFaces(official.page)).filter((family) => family === shippedFamily).length;
    expect(fontRequests.length).toBeLessThan(faces / 2);
    expect(official.pageErrors).toEqual([]);
  });
  test('Hangul on an English screen, a criticism written in Korean, is drawn with the same font, fetched once it shows', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair');
    const official = await openScreen(browser(), server, 'official');
    expect(await registeredFaces(chair.page)).not.toContain(shippedFamily);

    await chair.page.getByTestId('start-item-item-2').click();
    await official.page.getByTestId('current-item').locator('[data-status="presenting"]').waitFor();
    const text = '시멘트 생산 계획이 35 % 미달했습니다.';
    await postCriticism(official.page, text, [chair.page]);
    const card = criticismEntries(chair.page).filter({ hasText: text });

    // The chair's screen stays in English; the criticism is drawn with the shipped font, not
    // with the empty boxes of a missing glyph.
    expect(await chair.page.locator('html').getAttribute('lang')).toBe('en');
    const selector = `[data-testid="${await card.getAttribute('data-testid')}"] .criticism__text`;
    const webFonts = async () =>
      (await renderedFonts(chair.page, selector)).filter((font) => font.isCustomFont).map((font) => font.familyName);
    await expect.poll(webFonts, { timeout: uiTimeoutMs }).toEqual([expect.stringMatching(/^Noto Sans KR\b/) as string]);
    expect(chair.pageErrors).toEqual([]);
  });
});
