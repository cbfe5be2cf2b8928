import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import {
  confirmFloorAction,
  criticismEntries,
  describeBrowser,
  itemStatus,
  openScreen,
  postCriticism,
  uiTimeoutMs,
  useBrowser,
  type Screen,
} from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

// The demo's review played through as its participants would, one browser context per role:
// the coal mine's overstated figure verified and flagged for everyone, the cement plant presenting
// and criticised, an inspection ordered to the inspector, an explanation owed up the line, days
// adjourned and opened with everyone already connected, and the session closed with a warning.
const coalItem = 'item-3'; // Northern Coal Mine No. 3: 280,000 t reported of 450,000 t planned
const cementItem = 'item-4'; // Eastfield Cement Plant: the presenter's unit, under 70 % of plan

async function clickTab(page: Page, view: string): Promise<void> {
  await page.getByTestId(`tab-${view}`).click();
}

async function waitForItemStatus(page: Page, itemId: string, status: string): Promise<void> {
  await expect.poll(async () => (await itemStatus(page, itemId)).status, { timeout: uiTimeoutMs }).toBe(status);
}

async function waitForDayStatus(page: Page, dayId: string, status: string): Promise<void> {
  await expect
    .poll(() => page.getByTestId(`day-status-${dayId}`).getAttribute('data-status'), { timeout: uiTimeoutMs })
    .toBe(status);
}

/** The directive card whose text holds `title`, on `page`. */
function directiveCard(page: Page, title: string) {
  return page.locator('[data-testid^="directive-"]').filter({ hasText: title }).first();
}

async function directiveId(page: Page, title: string): Promise<string> {
  const card = directiveCard(page, title);
  await card.waitFor({ timeout: uiTimeoutMs });
  return ((await card.getAttribute('data-testid')) ?? '').replace(/^directive-/, '');
}

/** The chair issues a directive from the Decisions tab. */
async function issueDirective(
  chair: Screen,
  directive: { kind: 'inspection' | 'explain-failure'; unitId: string; title: string; inspectorId?: string },
): Promise<void> {
  const { page } = chair;
  await clickTab(page, 'decisions');
  await page.getByTestId('issue-directive').click();
  const form = page.getByTestId('directive-form');
  await form.waitFor({ timeout: uiTimeoutMs });
  await page.getByTestId('directive-kind').selectOption(directive.kind);
  await page.getByTestId('directive-assignee').selectOption(directive.unitId);
  if (directive.inspectorId)
    await page.getByTestId('directive-inspector').selectOption(`inspector:${directive.inspectorId}`);
  await page.getByTestId('directive-title').fill(directive.title);
  await page.getByTestId('directive-submit').click();
  await form.waitFor({ state: 'detached', timeout: uiTimeoutMs });
  await directiveCard(page, directive.title).waitFor({ timeout: uiTimeoutMs });
}

describeBrowser('a whole review, rehearsed', () => {
  const browser = useBrowser();

  test('rehearsal: three days of the demo review in five browsers, from the first item to the minutes', async () => {
    const server = await startE2eServer();
    const chair = await openScreen(browser(), server, 'chair');
    const presenter = await openScreen(browser(), server, 'presenter');
    const official = await openScreen(browser(), server, 'official');
    const inspector = await openScreen(browser(), server, 'inspector');
    const bigScreen = await openScreen(browser(), server, 'observer');
    const everyone = [chair, presenter, official, inspector, bigScreen];

    // Day 1. The inspector verifies the coal mine's output: 241,500 t where 280,000 t was reported.
    await clickTab(inspector.page, 'verify');
    await inspector.page.getByTestId('verify-unit').selectOption('coal-mine-3');
    await inspector.page.getByTestId('verify-indicator').selectOption('coal');
    await inspector.page.getByTestId('verify-value').fill('241500');
    await inspector.page.getByTestId('verify-finding').fill('Weighbridge records show 241,500 t shipped.');
    await inspector.page.getByTestId('verify-submit').click();

    // The coal mine's item: the overstatement is flagged on every screen that follows the floor.
    await chair.page.getByTestId(`start-item-${coalItem}`).click();
    await waitForItemStatus(chair.page, coalItem, 'presenting');
    for (const screen of [chair, official]) {
      const flag = screen.page.locator('[data-testid="report-flags"] [data-kind="verified-below-reported"]').first();
      await flag.waitFor({ timeout: uiTimeoutMs });
      expect(await flag.textContent()).toContain('13.8% overstated');
    }
    // The big screen names the flag in brief.
    await bigScreen.page.getByText('Verified below reported').first().waitFor({ timeout: uiTimeoutMs });
    await chair.page.getByTestId(`close-item-${coalItem}`).click();
    await confirmFloorAction(chair.page, 'confirm-close-item');
    await waitForItemStatus(chair.page, coalItem, 'closed');

    // The cement plant presents; an official criticises, the presenter answers, the chair rules.
    await chair.page.getByTestId(`start-item-${cementItem}`).click();
    await waitForItemStatus(chair.page, cementItem, 'presenting');
    await chair.page.getByTestId(`open-floor-${cementItem}`).click();
    await waitForItemStatus(chair.page, cementItem, 'floor-open');
    const point = 'Cement output is at 52 % of plan while the kiln repairs were finished in January.';
    await postCriticism(official.page, point, [presenter.page]);
    const onPresenter = criticismEntries(presenter.page).filter({ hasText: point });
    const criticismId = ((await onPresenter.getAttribute('data-testid')) ?? '').replace(/^criticism-/, '');
    await presenter.page.getByTestId(`respond-${criticismId}`).click();
    await presenter.page
      .getByTestId(`respond-form-${criticismId}`)
      .getByRole('textbox')
      .fill('Clinker supply stopped in February.');
    await presenter.page.getByTestId(`respond-form-${criticismId}-submit`).click();
    await chair.page.getByTestId(`rule-${criticismId}`).click();
    await chair.page.getByTestId(`ruling-form-${criticismId}`).getByRole('radio').first().check();
    await chair.page.getByTestId(`ruling-submit-${criticismId}`).click();
    await chair.page.getByTestId(`ruling-form-${criticismId}`).waitFor({ state: 'detached', timeout: uiTimeoutMs });
    await chair.page.getByTestId(`close-item-${cementItem}`).click();
    await confirmFloorAction(chair.page, 'confirm-close-item');
    await waitForItemStatus(chair.page, cementItem, 'closed');

    // The chair orders the inspector to inspect the cement plant; the order is on the inspector's list.
    const inspection = 'Inspect the kiln repair records';
    await issueDirective(chair, {
      kind: 'inspection',
      unitId: 'eastfield-cement',
      title: inspection,
      inspectorId: server.participants.inspector.id,
    });
    const orders = inspector.page.getByTestId('inspection-orders');
    await orders.filter({ hasText: inspection }).waitFor({ timeout: uiTimeoutMs });

    // … and an explanation of the shortfall, owed up the line by the cement plant.
    const explanation = 'Explain the cement shortfall';
    await issueDirective(chair, { kind: 'explain-failure', unitId: 'eastfield-cement', title: explanation });

    // Day 1 adjourns with items never presented: the chair is told which, and confirms.
    await clickTab(chair.page, 'floor');
    await chair.page.getByTestId('adjourn-day-day-1').click();
    await confirmFloorAction(chair.page, 'confirm-adjourn-day');
    await waitForDayStatus(chair.page, 'day-1', 'adjourned');

    // Day 2 opens while everyone is connected: nobody reconnects, everyone attends it.
    await chair.page.getByTestId('open-day-day-2').click();
    // The demo's days are in April 2026: opening one on another date asks first.
    await confirmFloorAction(chair.page, 'confirm-open-day');
    await waitForDayStatus(chair.page, 'day-2', 'open');
    // The presenter answers the explanation from the unit's tab.
    await clickTab(presenter.page, 'unit');
    const explanationId = await directiveId(presenter.page, explanation);
    await presenter.page.getByTestId(`acknowledge-directive-${explanationId}`).click();
    await presenter.page.getByTestId(`answer-directive-${explanationId}`).click();
    await presenter.page
      .getByTestId(`answer-form-${explanationId}`)
      .getByRole('textbox')
      .fill('Clinker deliveries from the Northern quarry stopped for six weeks.');
    await presenter.page.getByTestId(`answer-form-${explanationId}-submit`).click();
    await clickTab(chair.page, 'decisions');
    await expect
      .poll(() => directiveCard(chair.page, explanation).textContent(), { timeout: uiTimeoutMs })
      .toContain('Clinker deliveries');
    await clickTab(chair.page, 'floor');
    await chair.page.getByTestId('adjourn-day-day-2').click();
    await confirmFloorAction(chair.page, 'confirm-adjourn-day');
    await waitForDayStatus(chair.page, 'day-2', 'adjourned');

    // Day 3, then the close: the cement plant is warned, the session closed.
    await chair.page.getByTestId('open-day-day-3').click();
    await confirmFloorAction(chair.page, 'confirm-open-day');
    await waitForDayStatus(chair.page, 'day-3', 'open');
    await clickTab(chair.page, 'decisions');
    for (const unitId of ['eastfield-cement', 'coal-mine-3']) {
      await chair.page.getByTestId(`issue-warning-${unitId}`).click();
      await chair.page.getByTestId(`issue-warning-form-${unitId}-submit`).click();
      await chair.page.getByTestId(`proposed-warning-${unitId}`).waitFor({ state: 'detached', timeout: uiTimeoutMs });
    }
    // The coal mine, warned last quarter and still under the threshold, is escalated.
    const secondReview = chair.page
      .locator('[data-testid^="second-review-"]')
      .filter({ hasText: 'Northern Coal Mine' });
    await secondReview.locator('[data-testid^="escalate-warning-"]').click();
    // The form itself: its submit button's test id starts the same way.
    const escalation = secondReview.locator('form[data-testid^="escalate-warning-form-"]');
    await escalation.getByRole('textbox').fill('Still at 53.7 % of plan: removal of the managers recommended.');
    await escalation.getByRole('button', { name: /escalat/i }).click();
    await escalation.waitFor({ state: 'detached', timeout: uiTimeoutMs });
    await chair.page.getByTestId('close-session').click();
    await chair.page.getByTestId('confirm-close-session-confirm').click();
    await chair.page.getByTestId('session-closed').waitFor({ timeout: uiTimeoutMs });

    // The minutes: everyone attended days 2 and 3 without reconnecting; each directive is filed
    // under its unit, not under whatever item was on the floor; the warning is recorded.
    await clickTab(official.page, 'minutes');
    const minutes = official.page.getByTestId('minutes');
    await minutes.waitFor({ timeout: uiTimeoutMs });
    // Every participant but the big screen (a screen, not a person) counts: the four who play,
    // of eleven invited (the demo invites a presenter for each of its eight units), each day.
    for (const dayId of ['day-1', 'day-2', 'day-3']) {
      await expect
        .poll(() => official.page.getByTestId(`minutes-attendance-${dayId}`).textContent(), { timeout: uiTimeoutMs })
        .toContain('4 of 11 connected');
    }
    const filed = official.page.getByTestId('minutes-unit-directives-eastfield-cement');
    expect(await filed.textContent()).toContain(inspection);
    expect(await filed.textContent()).toContain(explanation);
    expect(await official.page.getByTestId(`minutes-item-${cementItem}`).textContent()).not.toContain(inspection);
    const decisions = await minutes.textContent();
    expect(decisions).toContain('Warning issued to Eastfield Cement Plant');
    expect(decisions).toContain('removal of the managers recommended');
    expect(await official.page.getByTestId(`minutes-criticism-${criticismId}`).textContent()).toContain(point);

    for (const screen of everyone) expect(screen.pageErrors).toEqual([]);
  }, 240_000);
});
