import { expect, test } from 'vitest';
import {
  describeBrowser,
  expectLive,
  expectNoSeriousAxeViolations,
  openScreen,
  postCriticism,
  useBrowser,
} from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

// Eastfield Cement Plant: the unit the demo presenter speaks for.
const presentersItemId = 'item-4';

describeBrowser('the presenter’s and the inspector’s screens', () => {
  const browser = useBrowser();

  test('load live and pass axe, before an item is on the floor and with the presenter’s item open', async () => {
    const server = await startE2eServer();
    const presenter = await openScreen(browser(), server, 'presenter');
    const inspector = await openScreen(browser(), server, 'inspector');

    // Between items: no criticism form on either screen yet.
    for (const screen of [presenter, inspector]) {
      await screen.page.getByTestId('current-item').waitFor();
      expect(await screen.page.getByTestId('criticism-form').count()).toBe(0);
    }
    await expectNoSeriousAxeViolations(
      { page: presenter.page, label: 'presenter (between items)' },
      { page: inspector.page, label: 'inspector (between items)' },
    );

    // The chair puts the presenter's unit on the floor and opens it; the inspector raises a point.
    const chair = await openScreen(browser(), server, 'chair');
    await chair.page.getByTestId(`start-item-${presentersItemId}`).click();
    await chair.page.getByTestId('current-item').locator('[data-status="presenting"]').waitFor();
    await chair.page.getByTestId(`open-floor-${presentersItemId}`).click();
    for (const screen of [presenter, inspector]) {
      await screen.page.getByTestId('current-item').locator('[data-status="floor-open"]').waitFor();
    }
    const text = `Cement output is under 70 % of plan (${Date.now()}).`;
    await postCriticism(inspector.page, text, [presenter.page, inspector.page]);
    // The presenter answers for the unit and does not criticise it: no form on that screen.
    expect(await presenter.page.getByTestId('criticism-form').count()).toBe(0);
    expect(await inspector.page.getByTestId('criticism-form').count()).toBe(1);

    for (const screen of [presenter, inspector]) await expectLive(screen.page);
    await expectNoSeriousAxeViolations(
      { page: presenter.page, label: 'presenter (own item on the floor)' },
      { page: inspector.page, label: 'inspector (floor open)' },
    );

    for (const screen of [presenter, inspector, chair]) expect(screen.pageErrors).toEqual([]);
  });
});
