import { expect, test } from 'vitest';
import {
  describeBrowser,
  expectNoSeriousAxeViolations,
  openScreen,
  uiTimeoutMs,
  useBrowser,
} from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

describeBrowser('a unit’s history quarter by quarter', () => {
  const browser = useBrowser();

  test('from the dashboard the official opens the coal mine’s history: two quarters under 70 %, charted and tabled; another unit is one click away; in Korean on a phone too', async () => {
    const server = await startE2eServer();
    const official = await openScreen(browser(), server, 'official');
    const page = official.page;

    // The dashboard names the units under the threshold, the longest run first.
    await page.getByTestId('tab-dashboard').click();
    const streaks = page.getByTestId('streaks');
    const coal = streaks.getByTestId('streak').filter({ hasText: 'Northern Coal Mine No. 3' });
    await coal.waitFor();
    expect(await coal.textContent()).toContain('2nd quarter in a row under 70% (2025-Q4 to 2026-Q1).');
    expect(await streaks.getByTestId('streak').first().textContent()).toContain('Northern Coal Mine No. 3');
    // Its second quarter under the threshold is drawn: both quarters marked under it.
    const dashboardChart = coal.getByRole('img', {
      name: 'Production fulfilment of Northern Coal Mine No. 3, quarter by quarter',
    });
    expect(await dashboardChart.locator('.trend-chart__dot--below').count()).toBe(2);
    await coal.getByRole('button', { name: 'Quarter by quarter: Northern Coal Mine No. 3' }).click();

    // The history page: the streak, the chart and the table of both quarters.
    const history = page.getByTestId('unit-history');
    await history.waitFor();
    expect(await page.getByTestId('tab-history').getAttribute('aria-selected')).toBe('true');
    expect(await history.getByRole('heading', { level: 2 }).first().textContent()).toBe(
      'History of Northern Coal Mine No. 3',
    );
    expect(await history.getByTestId('history-streak').textContent()).toBe(
      '2nd quarter in a row under 70% (2025-Q4 to 2026-Q1).',
    );
    const chart = history.getByRole('img', {
      name: 'Production fulfilment of Northern Coal Mine No. 3, quarter by quarter',
    });
    await chart.waitFor();
    expect(await chart.locator('.trend-chart__dot--below').count()).toBe(2);
    const rows = history.getByTestId('history-table').locator('tbody tr');
    expect(await rows.allTextContents()).toEqual([
      expect.stringMatching(/^2025-Q4⚠ 59\.5% below threshold59\.5%—.*Issued—$/),
      expect.stringMatching(/^2026-Q1⚠ 62\.2% below threshold62\.2%—.*—Open$/),
    ]);
    const warnings = page.getByTestId('history-warnings').locator('tbody tr');
    expect(await warnings.allTextContents()).toEqual(['2025-Q420000', '2026-Q102000']);
    await expectNoSeriousAxeViolations({ page, label: 'official (unit history)' });

    // Another unit, picked in place: the grain procurement recovered above the threshold.
    await history.getByTestId('history-unit').selectOption('hillside-agriculture');
    await history.getByRole('heading', { name: 'History of Hillside Agriculture Department' }).waitFor();
    expect(await history.getByTestId('history-streak').count()).toBe(0);
    expect(await rows.allTextContents()).toEqual([
      expect.stringMatching(/^2025-Q4⚠ 63\.3% below threshold/),
      expect.stringMatching(/^2026-Q178\.1%/),
    ]);

    // On a phone, in Korean: the same page, nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('language-switch').selectOption('ko');
    await expect.poll(() => page.locator('html').getAttribute('lang'), { timeout: uiTimeoutMs }).toBe('ko');
    await history.getByTestId('history-unit').selectOption('coal-mine-3');
    await history.getByTestId('history-streak').filter({ hasText: '2분기 연속 70% 미만 (2025-Q4–2026-Q1).' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The table stacks a block per quarter, each figure after its column's name: nothing scrolls sideways.
    const table = history.getByTestId('history-table');
    expect(await table.evaluate((el) => el.parentElement!.scrollWidth - el.parentElement!.clientWidth)).toBe(0);
    expect(
      await table
        .locator('tbody tr td')
        .first()
        .evaluate((el) => getComputedStyle(el, '::before').content),
    ).toBe('"생산 달성률"');
    expect(official.pageErrors).toEqual([]);
  });

  test('under a unit’s figures the inspector sees its streak and its chart, follow a verification live, and reach its history', async () => {
    const server = await startE2eServer();
    const inspector = await openScreen(browser(), server, 'inspector');
    const page = inspector.page;
    await page.getByTestId('tab-verify').click();
    await page.getByLabel('Unit', { exact: true }).selectOption('coal-mine-3');
    const figures = page.getByTestId('report-figures');
    await figures
      .getByTestId('unit-streak')
      .filter({ hasText: '2nd quarter in a row under 70% (2025-Q4 to 2026-Q1).' })
      .waitFor();
    const chart = figures.getByRole('img', {
      name: 'Production fulfilment of Northern Coal Mine No. 3, quarter by quarter',
    });
    await chart.getByText('⚠ 62.2%').waitFor();

    // Verified far higher, the quarter leaves the streak at once: this quarter is the live one.
    await page.getByLabel('Indicator').selectOption('coal');
    await page.getByTestId('verify-value').fill('400000');
    await page.getByLabel('Finding').fill('The weighbridge log shows the full tonnage.');
    await page.getByTestId('verify-submit').click();
    await chart.getByText('88.9%', { exact: true }).waitFor();
    expect(await figures.getByTestId('unit-streak').count()).toBe(0);

    await figures.getByRole('button', { name: 'Quarter by quarter: Northern Coal Mine No. 3' }).click();
    const history = page.getByTestId('unit-history');
    await history.getByRole('heading', { name: 'History of Northern Coal Mine No. 3' }).waitFor();
    expect(await history.getByTestId('history-unit').inputValue()).toBe('coal-mine-3');
    expect(await history.getByTestId('history-table').locator('tbody tr').last().textContent()).toMatch(
      /^2026-Q188\.9%62\.2%/,
    );
    expect(inspector.pageErrors).toEqual([]);
  });
});
