import type { Locator, Page } from 'playwright-core';
import { Limits } from '@plenum/shared';
import { expect, test } from 'vitest';
import { describeBrowser, openScreen, uiTimeoutMs, useBrowser } from './helpers/browser.js';
import { startE2eServer, type E2eServer } from './helpers/e2eServer.js';

// Eastfield Cement Plant's item, last on day 1 and pending.
const cementItemId = 'item-4';
const cementUnitId = 'eastfield-cement';
// The longest topic and title taken, with no space to break at (a pasted reference, a run of digits).
const unbroken = `EFC${'0123456789'.repeat(20)}`.slice(0, Limits.nameLength);
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

/**
 * How wide the page is laid out (more than the viewport when it scrolls sideways), with the
 * innermost elements that reach past the viewport, to say what to fix when it does.
 */
function pageWidth(page: Page): Promise<{ width: number; past: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    // What a scrolling strip (the tabs on a phone) holds scrolls inside it: not past the page.
    const isClipped = (el: HTMLElement) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') return true;
      }
      return false;
    };
    const past = Array.from(document.body.querySelectorAll<HTMLElement>('*'))
      .filter((el) => el.getBoundingClientRect().right > viewport + 0.5 && !isClipped(el))
      .filter((el) => !Array.from(el.children).some((child) => child.getBoundingClientRect().right > viewport + 0.5))
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { width: document.documentElement.scrollWidth, past };
  });
}

/** The page of `page` is no wider than `viewport`, and nothing reaches past it. */
async function expectFits(page: Page, viewport: { width: number }): Promise<void> {
  const { width, past } = await pageWidth(page);
  expect(past.join(' | ')).toBe('');
  expect(width).toBeLessThanOrEqual(viewport.width);
}

/** The chair gives the cement plant's item the unbroken topic. */
async function writeUnbrokenTopic(server: E2eServer): Promise<void> {
  await server.app.commands.execute(server.participants.chair, server.sessionId, 'long-topic', {
    type: 'agenda:update-item',
    payload: { itemId: cementItemId, unitId: cementUnitId, kind: 'report', topic: unbroken, plannedMinutes: 20 },
  });
}

describeBrowser('unbroken text', () => {
  const browser = useBrowser();

  for (const viewport of [desktop, phone]) {
    test(`a ${Limits.nameLength}-character topic without a space does not widen the page at ${viewport.width} px`, async () => {
      const server = await startE2eServer();
      await writeUnbrokenTopic(server);
      const chair = await openScreen(browser(), server, 'chair', { viewport });

      // The floor's agenda.
      await chair.page
        .getByTestId(`agenda-item-${cementItemId}`)
        .filter({ hasText: unbroken.slice(0, 20) })
        .waitFor();
      await expectFits(chair.page, viewport);

      // The agenda builder.
      await chair.page.getByTestId('tab-prepare').click();
      await chair.page
        .locator('.prepare-item__what')
        .filter({ hasText: unbroken.slice(0, 20) })
        .waitFor();
      await expectFits(chair.page, viewport);

      // A directive titled with it, on the decisions tab.
      await server.app.commands.execute(server.participants.chair, server.sessionId, 'long-directive', {
        type: 'directive:issue',
        payload: {
          kind: 'explain-failure',
          assigneeUnitId: cementUnitId,
          subjectUnitId: null,
          inspectorId: null,
          title: unbroken,
          text: unbroken.repeat(3),
          dueDate: '2099-01-01',
          fromCriticismId: null,
          itemId: null,
        },
      });
      await chair.page.getByTestId('tab-decisions').click();
      await chair.page.getByTestId('directives-panel').getByText(unbroken.slice(0, 20)).first().waitFor();
      await expectFits(chair.page, viewport);

      // The room's screen, once the item is on the floor.
      await server.app.commands.execute(server.participants.chair, server.sessionId, 'start-long', {
        type: 'agenda:start-item',
        payload: { itemId: cementItemId },
      });
      const room = await openScreen(browser(), server, 'observer', { viewport });
      await room.page.getByText(unbroken.slice(0, 20)).first().waitFor({ timeout: uiTimeoutMs });
      await expectFits(room.page, viewport);
    });

    test(`a report's name and unit of measure pasted past their limits stay whole and the cells compact at ${viewport.width} px`, async () => {
      const server = await startE2eServer();
      const presenter = await openScreen(browser(), server, 'presenter', { viewport });
      const page = presenter.page;
      await page.getByTestId('tab-report').click();
      const name = page.getByTestId('indicator-name-0');
      const measure = page.getByTestId('indicator-measure-0');
      await name.waitFor();
      const before = { name: await boxOf(name), measure: await boxOf(measure) };
      const longName = `${unbroken} and the rest of it`;
      const longMeasure = 'tonnes of clinker ground to cement, dry weight';
      await name.fill(longName);
      await measure.fill(longMeasure);
      expect(await name.inputValue()).toBe(longName);
      expect(await measure.inputValue()).toBe(longMeasure);
      await page.getByTestId('indicator-measure-0-count').waitFor();
      // No field grows (an invalid one's border is 2 px; the table may give the row's problem some
      // of their width); under each, only its count.
      const after = { name: await boxOf(name), measure: await boxOf(measure) };
      for (const field of ['name', 'measure'] as const) {
        expect(after[field].width).toBeLessThanOrEqual(before[field].width + 1);
        expect(after[field].height).toBeLessThanOrEqual(before[field].height + 2);
      }
      const count = await boxOf(page.getByTestId('indicator-measure-0-count'));
      expect(count.height).toBeLessThan(before.measure.height);
      expect(count.x).toBeGreaterThanOrEqual(before.measure.x - 1);
      expect(count.x + count.width).toBeLessThanOrEqual(before.measure.x + before.measure.width + 1);
      await page
        .getByTestId('indicator-row-0')
        .getByText('Unit of measure, row 1: At most 40 characters fit: shorten the text by 6.')
        .waitFor();
      await expectFits(page, viewport);
      await page.getByTestId('submit-report').click();
      await page.getByRole('alert').getByText('1 row needs correcting').waitFor();
      expect(presenter.pageErrors).toEqual([]);
    });
  }
});

/** Where an element is drawn, in CSS pixels. */
async function boxOf(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  return box!;
}
