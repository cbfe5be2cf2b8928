import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import {
  confirmFloorAction,
  describeBrowser,
  expectNoSeriousAxeViolations,
  openScreen,
  uiTimeoutMs,
  useBrowser,
} from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

// Northern Coal Mine No. 3's own item on day 1: its report's parts do not add up (one flag).
const coalMineItemId = 'item-3';
// Eastfield Cement Plant's item, last on day 1.
const cementItemId = 'item-4';
// Harbour Fisheries Cooperative's item on day 2: inspected (verified below reported), so its
// figures table has every column, and flagged.
const fisheriesItemId = 'item-7';
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

/** The chair starts `itemId` and opens the floor on it. */
async function putOnTheFloor(chairPage: Page, itemId: string): Promise<void> {
  await chairPage.getByTestId(`start-item-${itemId}`).click();
  await chairPage.getByTestId(`agenda-item-${itemId}`).and(chairPage.locator('[data-status="presenting"]')).waitFor();
  await chairPage.getByTestId(`open-floor-${itemId}`).click();
  await chairPage.getByTestId(`agenda-item-${itemId}`).and(chairPage.locator('[data-status="floor-open"]')).waitFor();
}

/** The chair adjourns day 1 (confirming) and opens day 2. */
async function moveToDayTwo(chairPage: Page): Promise<void> {
  await chairPage.getByTestId('adjourn-day-day-1').click();
  await confirmFloorAction(chairPage, 'confirm-adjourn-day');
  await chairPage.getByTestId('open-day-day-2').click();
  await chairPage.getByTestId('day-status-day-2').and(chairPage.locator('[data-status="open"]')).waitFor();
}

/** How wide the page is laid out: more than the viewport when it scrolls sideways. */
function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/**
 * The texts of the header cells and of the cells of `table` that are not wholly visible: their
 * box is not inside `within`'s box, or something else (the sticky column) is drawn over them.
 */
async function hiddenCells(table: Locator, within: Locator): Promise<string[]> {
  await table.scrollIntoViewIfNeeded();
  const panel = await boxOf(within);
  return table.locator('thead th, tbody th, tbody td').evaluateAll((cells, box) => {
    return cells
      .filter((cell) => {
        const rect = cell.getBoundingClientRect();
        const isInside = rect.left >= box.x - 0.5 && rect.right <= box.x + box.width + 0.5;
        const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
        return !isInside || hit === null || !cell.contains(hit);
      })
      .map((cell) => (cell as HTMLElement).innerText.trim());
  }, panel);
}

/** The box of `locator` on screen, failing when it is not rendered. */
async function boxOf(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await locator.boundingBox();
  if (!box) expect.fail('the element has no box on screen');
  return box;
}

describeBrowser('screens as the room, an official and a phone see them', () => {
  const browser = useBrowser();

  test('rehearsal 9: before the first item the big screen says the day, what comes first, its agenda and the call', async () => {
    const server = await startE2eServer();
    const room = await openScreen(browser(), server, 'observer', { viewport: desktop });
    const today = room.page.getByTestId('big-screen-today');
    await today.waitFor();
    expect(await today.innerText()).toContain('Day 1');
    expect(await room.page.getByTestId('big-screen-first').innerText()).toMatch(/^First: Opening: /);
    expect(await room.page.getByTestId('big-screen-call').innerText()).toContain('https://');
    expect(await room.page.getByTestId('day-agenda').locator('li').count()).toBeGreaterThan(3);
    expect(room.pageErrors).toEqual([]);
  });

  test('rehearsal 9: at 1440×900 the big screen shows the key figures and names each flag without scrolling', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair');
    const room = await openScreen(browser(), server, 'observer', { viewport: desktop });
    await putOnTheFloor(chair.page, coalMineItemId);

    const figures = room.page.getByTestId('report-figures');
    await figures.locator('.key-figures').waitFor();
    const flags = room.page.getByTestId('key-flags');
    expect(await flags.innerText()).toContain('Parts do not add up: Coal extracted');
    for (const part of [figures.locator('.key-figures'), flags]) {
      const box = await boxOf(part);
      expect(box.y + box.height).toBeLessThanOrEqual(desktop.height);
    }
    // Nothing to scroll to: the room screen fits its screen.
    expect(await room.page.evaluate(() => window.scrollY)).toBe(0);
    await expectNoSeriousAxeViolations({ page: room.page, label: 'big screen (floor open)' });

    // Six criticisms of a few lines each: the most endorsed ones and the count of the rest still fit.
    const official = server.participants.official;
    for (let n = 1; n <= 6; n++) {
      const text = `Point ${n}: the coal extracted in March is reported twice in the monthly returns, once by the mine and once by the county, and the plan is met only on paper.`;
      await server.app.commands.execute(official, server.sessionId, `room-fit-${n}`, {
        type: 'criticism:post',
        payload: { itemId: coalMineItemId, category: 'inflated-report', severity: 'high', indicatorId: null, text },
      });
    }
    await room.page.getByText('and 3 more').waitFor({ timeout: uiTimeoutMs });
    expect(await room.page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(desktop.height);
  });

  test('rehearsal 9: an official reads the agenda by day with each item’s status as it changes', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair');
    const official = await openScreen(browser(), server, 'official', { viewport: desktop });
    const overview = official.page.getByTestId('agenda-overview');
    await overview.waitFor();
    // Today's day is unfolded, the later days folded to their line.
    expect(await official.page.getByTestId('overview-day-day-1').getAttribute('open')).not.toBeNull();
    expect(await official.page.getByTestId('overview-day-day-2').getAttribute('open')).toBeNull();
    expect(await official.page.getByTestId('overview-day-day-2').innerText()).toMatch(/Scheduled\s+0 of \d+ done/);
    const row = official.page.getByTestId(`overview-item-${coalMineItemId}`);
    expect(await row.getAttribute('data-status')).toBe('pending');
    expect(await row.innerText()).toContain('Northern Coal Mine No. 3 — plan and results');

    await putOnTheFloor(chair.page, coalMineItemId);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: uiTimeoutMs }).toBe('floor-open');
    expect(await row.innerText()).toContain('Floor open');
    await chair.page.getByTestId(`close-item-${coalMineItemId}`).click();
    await confirmFloorAction(chair.page, 'confirm-close-item');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: uiTimeoutMs }).toBe('closed');
    expect(await official.page.getByTestId('overview-day-day-1').innerText()).toMatch(/1 of \d+ done/);
    // Read-only: nothing in it to press.
    expect(await overview.locator('button').count()).toBe(0);
    await expectNoSeriousAxeViolations({ page: official.page, label: 'official with the agenda' });
  });

  test('rehearsal 9: on a 390 px phone the header is compact, chart labels readable, the fulfilment column visible', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair');
    const official = await openScreen(browser(), server, 'official', { viewport: phone });
    await putOnTheFloor(chair.page, coalMineItemId);
    await official.page.getByTestId('report-figures').waitFor();

    // The header leaves the first screen to the floor.
    const header = await boxOf(official.page.locator('.session-header'));
    expect(header.height).toBeLessThanOrEqual(phone.height / 5);
    const currentItem = await boxOf(official.page.getByTestId('current-item'));
    expect(currentItem.y).toBeLessThan(phone.height / 3);

    // Chart labels as drawn on screen: the SVG's font size times its scale.
    const labelSizes = await official.page.locator('.figures-chart__svg').evaluate((svg) => {
      const chart = svg as SVGSVGElement;
      const scale = chart.getBoundingClientRect().width / chart.viewBox.baseVal.width;
      return Array.from(chart.querySelectorAll('.figures-chart__label')).map(
        (label) => parseFloat(getComputedStyle(label).fontSize) * scale,
      );
    });
    expect(labelSizes.length).toBeGreaterThan(0);
    for (const size of labelSizes) expect(size).toBeGreaterThanOrEqual(11);

    // The fulfilment column is on screen, even where the table has to scroll.
    const table = official.page.getByTestId('report-figures').locator('table.figures');
    const fulfilmentHeader = table.locator('thead th').last();
    expect(await fulfilmentHeader.innerText()).toBe('Fulfilment');
    await fulfilmentHeader.scrollIntoViewIfNeeded();
    const cell = await boxOf(fulfilmentHeader);
    expect(cell.x).toBeGreaterThanOrEqual(0);
    expect(cell.x + cell.width).toBeLessThanOrEqual(phone.width);
    const firstFulfilment = await boxOf(table.locator('tbody tr').first().locator('td').last());
    expect(firstFulfilment.x + firstFulfilment.width).toBeLessThanOrEqual(phone.width);
    // The page itself does not scroll sideways.
    expect(await official.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);

    // The criticism form comes after the figures; the first screen offers the way to it.
    await official.page.evaluate(() => window.scrollTo(0, 0));
    const jump = official.page.getByTestId('jump-to-criticism');
    expect((await boxOf(jump)).y).toBeLessThan(phone.height);
    await jump.click();
    const text = await boxOf(official.page.getByTestId('criticism-text'));
    expect(text.y).toBeGreaterThanOrEqual(0);
    expect(text.y + text.height).toBeLessThanOrEqual(phone.height);
    expect(official.pageErrors).toEqual([]);
  });

  test('rehearsal 9: a half-typed criticism survives a reload and goes once posted', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair');
    const official = await openScreen(browser(), server, 'official');
    await putOnTheFloor(chair.page, coalMineItemId);
    const text = official.page.getByTestId('criticism-text');
    await text.fill('The shafts were flooded in March, yet');
    await official.page.reload();
    await expect.poll(() => text.inputValue(), { timeout: uiTimeoutMs }).toBe('The shafts were flooded in March, yet');

    await text.fill('The shafts were flooded in March, yet coal was reported at plan.');
    await expect
      .poll(() => official.page.getByTestId('criticism-submit').isEnabled(), { timeout: uiTimeoutMs })
      .toBe(true);
    await official.page.getByTestId('criticism-submit').click();
    await official.page
      .getByTestId('criticism-list')
      .locator(':scope > li:not([data-testid="criticism-pending"])')
      .filter({ hasText: 'coal was reported at plan' })
      .waitFor();
    await official.page.reload();
    await official.page.getByTestId('criticism-form').waitFor();
    expect(await text.inputValue()).toBe('');
  });

  test('on a 390 px phone the chair’s floor comes before the agenda, and none of the chair’s screens scrolls sideways: long tags wrap, wide tables scroll in their panel', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair', { viewport: phone });
    const page = chair.page;
    // A deferred item's tag names its day in full: "Deferred to Day 2 — light industry and food".
    await page.getByTestId(`defer-item-${cementItemId}`).click();
    await page.locator('.defer-form button[type="submit"]').click();
    await page.getByTestId(`agenda-item-${cementItemId}`).and(page.locator('[data-status="deferred"]')).waitFor();
    await putOnTheFloor(page, coalMineItemId);
    await page.getByTestId('report-figures').locator('table.figures').waitFor();
    // The chair's seven tabs take one row, scrolling within itself, so the floor starts on the first screen.
    const tabRows = new Set(
      await page.getByRole('tab').evaluateAll((tabs) => tabs.map((tab) => Math.round(tab.getBoundingClientRect().top))),
    );
    expect(tabRows.size).toBe(1);
    // One column: the item on the floor and its controls first, then its criticism and figures, the agenda last.
    await page.evaluate(() => window.scrollTo(0, 0));
    const onTheFloor = await boxOf(page.getByTestId('current-item'));
    expect(onTheFloor.y).toBeLessThan(phone.height);
    const controls = await boxOf(page.getByTestId('floor-controls'));
    const figures = await boxOf(page.getByTestId('report-figures'));
    const agenda = await boxOf(page.getByTestId(`agenda-item-${coalMineItemId}`));
    expect(controls.y).toBeLessThan(figures.y);
    expect(figures.y).toBeLessThan(agenda.y);

    const widths: Record<string, number> = { floor: await pageWidth(page) };
    await page.getByTestId('tab-decisions').click();
    // The adopted plan is a table of five columns.
    await page.getByTestId('plan-adopt').click();
    await page.getByTestId('adopted-plans').locator('table').waitFor();
    widths.decisions = await pageWidth(page);
    await page.getByTestId('tab-minutes').click();
    await page.getByTestId('minutes').locator('table.minutes-figures').first().waitFor();
    widths.minutes = await pageWidth(page);
    await page.getByTestId('tab-dashboard').click();
    await page.getByTestId('dashboard').locator('table.directives-table').waitFor();
    widths.dashboard = await pageWidth(page);
    await page.getByTestId('tab-prepare').click();
    await page.getByTestId('participants').waitFor();
    widths.prepare = await pageWidth(page);

    expect(Object.entries(widths).filter(([, width]) => width > phone.width)).toEqual([]);
    expect(chair.pageErrors).toEqual([]);
  });

  test('on a 390 px phone the presenter’s report form keeps each indicator’s name in view while its figures scroll', async () => {
    const server = await startE2eServer();
    const presenter = await openScreen(browser(), server, 'presenter', { viewport: phone });
    const page = presenter.page;
    await page.getByTestId('tab-report').click();
    const scroller = page.getByTestId('report-form').locator('.table-scroll');
    await scroller.waitFor();
    await scroller.evaluate((element) => (element.scrollLeft = element.scrollWidth));
    const panel = await boxOf(scroller);
    const name = await boxOf(page.getByTestId('indicator-name-0'));
    expect(name.x).toBeGreaterThanOrEqual(panel.x - 0.5);
    expect(name.x + name.width).toBeLessThanOrEqual(panel.x + panel.width / 2);
    expect(presenter.pageErrors).toEqual([]);
  });

  test('at 1440×900 the chair sees every column of a flagged unit’s figures in the floor’s column, none under the fulfilment column, in English and Korean', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair', { viewport: desktop });
    const page = chair.page;
    await moveToDayTwo(page);
    await putOnTheFloor(page, fisheriesItemId);
    const figures = page.getByTestId('report-figures');
    const table = figures.locator('table.figures');
    await table.waitFor();
    expect(await table.locator('thead th').allInnerTexts()).toEqual([
      'Indicator',
      'Planned',
      'Reported',
      'Verified',
      'Reporting gap',
      'Fulfilment',
    ]);
    expect(await hiddenCells(table, figures)).toEqual([]);

    await page.getByTestId('language-switch').selectOption('ko');
    await expect.poll(() => table.locator('thead th').last().innerText(), { timeout: uiTimeoutMs }).toBe('이행률');
    expect(await hiddenCells(table, figures)).toEqual([]);
  });

  test('at 1440×900 the chair’s day choice for a deferral stays inside the agenda panel', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair', { viewport: desktop });
    const page = chair.page;
    await page.getByTestId(`defer-item-${coalMineItemId}`).click();
    const select = page.getByTestId(`agenda-item-${coalMineItemId}`).locator('.defer-form select');
    await select.waitFor();
    const agenda = await boxOf(page.locator('section.agenda'));
    const box = await boxOf(select);
    expect(box.x).toBeGreaterThanOrEqual(agenda.x);
    expect(box.x + box.width).toBeLessThanOrEqual(agenda.x + agenda.width);
  });
});
