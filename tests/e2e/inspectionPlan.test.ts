import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { describeBrowser, expectNoSeriousAxeViolations, openScreen, useBrowser } from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

/** The plan's lines as the chair sees them, in order: unit id and decision. */
async function planLines(page: Page): Promise<[string, string][]> {
  const lines = page.getByTestId('plan-lines').locator(':scope > li');
  const ids = await lines.evaluateAll((items) =>
    items.map((li) => [li.getAttribute('data-testid') ?? '', li.getAttribute('data-decision') ?? '']),
  );
  return ids.map(([id, decision]) => [id!.replace(/^plan-line-/, ''), decision!]);
}

describeBrowser('inspection plan by risk', () => {
  const browser = useBrowser();

  test('on the demo the plan names the overstated unit and the unit under the threshold first, with reasons, within the capacity; accepted lines become orders on the inspector’s screen', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair');
    const inspector = await openScreen(browser(), server, 'inspector');

    await chair.page.getByTestId('tab-decisions').click();
    const plan = chair.page.getByTestId('inspection-plan');
    await plan.getByTestId('plan-capacity').fill('2');
    await chair.page.getByTestId('plan-count').filter({ hasText: '2 accepted of a capacity of 2.' }).waitFor();

    const lines = await planLines(chair.page);
    expect(lines.slice(0, 3)).toEqual([
      ['harbour-fisheries', 'accepted'],
      ['coal-mine-3', 'accepted'],
      ['eastfield-cement', 'dropped'],
    ]);
    // Every line past the capacity waits, not accepted.
    expect(lines.slice(2).every(([, decision]) => decision === 'dropped')).toBe(true);
    const fisheries = plan.getByTestId('plan-line-harbour-fisheries');
    const fisheriesText = await fisheries.textContent();
    expect(fisheriesText).toContain('Overstated report');
    expect(fisheriesText).toContain('the inspector verified 7,400 t: 17.8% overstated');
    expect(fisheriesText).toContain('Figures fitted to the plan');
    const coalText = await plan.getByTestId('plan-line-coal-mine-3').textContent();
    expect(coalText).toContain('Under the threshold');
    expect(coalText).toContain('Production at 62.2% of plan, under the 70% threshold.');

    // A third line over the capacity of 2 cannot be adopted; dropping it again can.
    await plan.getByTestId('plan-accept-eastfield-cement').click();
    await chair.page.getByTestId('plan-count').filter({ hasText: '3 accepted of a capacity of 2.' }).waitFor();
    expect(await plan.getByTestId('plan-adopt').isDisabled()).toBe(true);
    await plan.getByTestId('plan-drop-eastfield-cement').click();
    expect(await plan.getByTestId('plan-adopt').isDisabled()).toBe(false);

    // The chair edits the fisheries' order before adopting.
    await plan.getByTestId('plan-edit-harbour-fisheries').click();
    const title = `Count the landing books at all five harbours (${Date.now()})`;
    await fisheries.getByLabel('Title of the order').fill(title);
    await expectNoSeriousAxeViolations({ page: chair.page, label: 'chair (inspection plan)' });
    await plan.getByTestId('plan-adopt').click();

    const adopted = chair.page.getByTestId('adopted-plans');
    await adopted.locator('tr[data-decision="accepted"]').nth(1).waitFor();
    expect(await adopted.locator('tr[data-decision="dropped"]').count()).toBe(0);
    expect(await adopted.locator('tr[data-decision="beyond-capacity"]').first().textContent()).toContain(
      'Eastfield Cement Plant',
    );
    // Now under inspection, the two units leave the proposal.
    await plan.getByTestId('plan-line-harbour-fisheries').waitFor({ state: 'detached' });

    await inspector.page.getByTestId('tab-verify').click();
    const orders = inspector.page.getByTestId('inspection-orders');
    const fisheriesOrder = orders.locator('article').filter({ hasText: title });
    await fisheriesOrder.waitFor();
    expect(await fisheriesOrder.textContent()).toContain('Overstated report');
    const coalOrder = orders.locator('article').filter({ hasText: 'Inspection of Northern Coal Mine No. 3' });
    await coalOrder.waitFor();
    expect(await coalOrder.textContent()).toContain(`Assigned to ${server.participants.inspector.name}`);

    // The findings come back into the chair's record of the plan.
    await fisheriesOrder.getByRole('button', { name: 'Acknowledge' }).click();
    await fisheriesOrder.and(inspector.page.locator('[data-status="acknowledged"]')).waitFor();
    await fisheriesOrder.getByRole('button', { name: 'File the findings…' }).click();
    await fisheriesOrder.getByLabel('Findings of the inspection').fill('1,600 t landed twice at two harbours.');
    await fisheriesOrder.getByRole('button', { name: 'File', exact: true }).click();
    await adopted
      .locator('tr')
      .filter({ hasText: 'Harbour Fisheries Cooperative' })
      .filter({ hasText: 'Answered — 1,600 t landed twice at two harbours.' })
      .waitFor();

    for (const screen of [chair, inspector]) expect(screen.pageErrors).toEqual([]);
  });
});
