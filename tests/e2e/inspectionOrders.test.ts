import { expect, test } from 'vitest';
import { describeBrowser, expectNoSeriousAxeViolations, openScreen, useBrowser } from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

describeBrowser('inspection orders', () => {
  const browser = useBrowser();

  test('rehearsal 10: the chair orders the inspector to inspect a unit; the order appears on the inspector’s screen, who acknowledges it and files the findings', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair');
    const inspector = await openScreen(browser(), server, 'inspector');

    // From the Decisions tab, whatever is on the floor: an inspection of the fisheries by the inspector.
    await chair.page.getByTestId('tab-decisions').click();
    await chair.page.getByTestId('issue-directive').click();
    const form = chair.page.getByTestId('directive-form');
    await form.getByTestId('directive-kind').selectOption('inspection');
    await form.getByTestId('directive-assignee').selectOption('harbour-fisheries');
    await form.getByTestId('directive-inspector').selectOption({ label: server.participants.inspector.name });
    const title = `Inspect the catch ledgers (${Date.now()})`;
    await form.getByTestId('directive-title').fill(title);
    await form.getByTestId('directive-submit').click();
    await form.waitFor({ state: 'detached' });

    await inspector.page.getByTestId('tab-verify').click();
    const orders = inspector.page.getByTestId('inspection-orders');
    const order = orders.locator('article').filter({ hasText: title });
    await order.waitFor();
    const text = await order.textContent();
    expect(text).toContain('Inspection of Harbour Fisheries Cooperative');
    expect(text).toContain(`Assigned to ${server.participants.inspector.name}`);
    expect(text).toContain('ordered by Northern Province');
    await expectNoSeriousAxeViolations({ page: inspector.page, label: 'inspector (inspection orders)' });

    await order.getByRole('button', { name: 'Acknowledge' }).click();
    await order.and(inspector.page.locator('[data-status="acknowledged"]')).waitFor();
    await order.getByRole('button', { name: 'File the findings…' }).click();
    await order.getByLabel('Findings of the inspection').fill('Ledgers checked on site: 600 t counted twice.');
    await order.getByRole('button', { name: 'File', exact: true }).click();
    // Answered: the order waits for the chair, and leaves nothing for the inspector to do.
    await order.and(inspector.page.locator('[data-status="answered"]')).waitFor();

    const onChairs = chair.page.getByTestId('directives-panel').locator('article').filter({ hasText: title });
    await onChairs.and(chair.page.locator('[data-status="answered"]')).waitFor();
    expect(await onChairs.textContent()).toContain('Ledgers checked on site: 600 t counted twice.');

    for (const screen of [chair, inspector]) expect(screen.pageErrors).toEqual([]);
  });
});
