import { join } from 'node:path';
import { demoData } from '@plenum/server';
import type { RegisteredUnit } from '@plenum/shared';
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import {
  confirmFloorAction,
  describeBrowser,
  expectLive,
  expectNoSeriousAxeViolations,
  itemStatus,
  openScreen,
  uiTimeoutMs,
  useBrowser,
  type Screen,
} from './helpers/browser.js';
import { repoRoot } from '../helpers/clientBuild.js';
import type { E2eServer } from './helpers/e2eServer.js';
import { startE2eServer } from './helpers/e2eServer.js';

// Issue 12's story, in real browsers against the real server: the administrator keeps the
// register (a file with one bad row applies nothing), convenes Q2 from the demo's Q1 with the
// agenda proposed, edits and reorders it, invites thirty people from a pasted list, revokes one
// whose screen is open (it says so at once), publishes the notice; then the chair runs the first item.

/** The organisation of the demo, whose register the administrator keeps. */
const organisationId = 'northern-province';
/** The demo's Q1 review, which Q2 follows up. */
const q1 = 'demo-2026-q1';
/** The screen size of the documentation's screenshots of the administrator's screens. */
const adminViewport = { width: 1440, height: 900 };
/** Set (to a folder, e.g. `docs/screenshots`) to save the screenshots the docs show. */
const screenshotFolder = process.env.PLENUM_SCREENSHOTS;

const registerHeader = 'id,name,kind,parentId,ownership,sector,class,region';
const brewery = 'lakeside-brewery,Lakeside Brewery,enterprise,riverside-city,cooperative,Food,2nd class,Riverside';
const badGlassworks =
  'northern-glassworks,Northern Glassworks,factory,eastfield-county,state,Glass,1st class,Eastfield';
const glassworks =
  'northern-glassworks,Northern Glassworks,enterprise,eastfield-county,state,Glass,1st class,Eastfield';

/** The units that presented in Q1, in its order, and the two it warned (their second reviews come first). */
const q1Units = demoData.demoAgenda.flatMap((item) => (item.unitId ? [item.unitId] : []));
const unitName = (unitId: string) => demoData.demoUnits.find((unit) => unit.id === unitId)!.name;

/** A date `days` from today, as a date field takes it. */
function fromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Saves the viewport, `testId`'s element scrolled to its top, when screenshots are asked for. */
async function saveScreenshot(page: Page, name: string, testId: string): Promise<void> {
  if (!screenshotFolder) return;
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.getByTestId(testId).evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(repoRoot, screenshotFolder, name) });
}

/** The register as the server answers it to the administrator. */
async function registerUnits(server: E2eServer): Promise<RegisteredUnit[]> {
  const response = await fetch(`${server.url}/api/organisations/${organisationId}/units`, {
    headers: { authorization: `Bearer ${server.tokens.administrator}` },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { ok: true; data: { units: RegisteredUnit[] } };
  return body.data.units;
}

/** Opens the administrator's console at `/admin#token=…`, signed in. */
function openConsole(browser: Parameters<typeof openScreen>[0], server: E2eServer): Promise<Screen> {
  return openScreen(browser, server, 'administrator', {
    url: server.adminUrl,
    viewport: adminViewport,
    ready: (page) => page.getByTestId('admin-you').waitFor({ timeout: uiTimeoutMs }),
  });
}

/** Chooses a register file in the import's picker. */
async function chooseRegisterFile(page: Page, name: string, lines: string[]): Promise<void> {
  await page.getByTestId('register-file').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(`${lines.join('\n')}\n`),
  });
}

/** The agenda items of a day in the preparation view, in order: id, kind and the words shown. */
async function dayItems(page: Page, dayId: string): Promise<{ id: string; kind: string; text: string }[]> {
  return page
    .getByTestId(`prepare-day-${dayId}`)
    .locator('li[data-testid^="prepare-item-"]')
    .evaluateAll((rows) =>
      rows.map((row) => ({
        id: (row.getAttribute('data-testid') ?? '').replace(/^prepare-item-/, ''),
        kind: row.querySelector('[data-kind]')?.getAttribute('data-kind') ?? '',
        text: row.querySelector('.prepare-item__main')?.textContent ?? '',
      })),
    );
}

async function dayOrder(page: Page, dayId: string): Promise<string[]> {
  return (await dayItems(page, dayId)).map((item) => item.id);
}

/** Waits until the day's items stand in `order` on screen. */
async function expectDayOrder(page: Page, dayId: string, order: string[]): Promise<void> {
  await expect.poll(() => dayOrder(page, dayId), { timeout: uiTimeoutMs }).toEqual(order);
}

/** `order` with the item at `from` put at `to`. */
function moved(order: readonly string[], from: number, to: number): string[] {
  const next = [...order];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

/** Fills the convene form for Q2 following Q1, two days from next week, and submits it. */
async function conveneQ2(page: Page): Promise<void> {
  await page.getByTestId('convene-open').click();
  await page.getByTestId('convene-title').fill('Northern Province — second-quarter economic review');
  await page.getByTestId('convene-period').fill('2026-Q2');
  await page.getByTestId('convene-day-0-date').fill(fromToday(10));
  await page.getByTestId('convene-day-0-title').fill('Day 1 — industry');
  await page.getByTestId('convene-days').locator(':scope > button').click();
  await page.getByTestId('convene-day-1-date').fill(fromToday(11));
  await page.getByTestId('convene-day-1-title').fill('Day 2 — food, agriculture and transport');
  await page.getByTestId('convene-previous').selectOption(q1);
  await page.getByTestId('convene-propose').check();
  // This walk invites its own thirty from a pasted list (step 4), not Q1's people again.
  await page.getByTestId('convene-invite-again').uncheck();
  await page.getByTestId('convene-chair-name').fill('Chair — Kim Minho');
}

/** The pasted list: a presenter for each unit on the agenda, eleven officials, ten inspectors, an observer. */
function invitationList(units: readonly string[]): string[] {
  return [
    ...units.map((unitId) => `Presenter ${unitName(unitId)}, presenter, ${unitId}`),
    ...Array.from({ length: 11 }, (_, i) => `Official ${i + 1}, official, , official${i + 1}@example.org`),
    ...Array.from({ length: 10 }, (_, i) => `Inspector ${i + 1}, inspector`),
    'Room screen, observer',
  ];
}

/** The row of an invited person in the preparation view's list. */
function participantRow(page: Page, name: string): Locator {
  return page.getByTestId('participants').locator('tr[data-testid^="participant-"]').filter({ hasText: name });
}

describeBrowser('preparing a review on screen', () => {
  const browser = useBrowser();

  test('the administrator imports the register: a file with one bad row is refused, line and column named, nothing applied; the corrected file applies; every tab of /admin passes axe', async () => {
    const server = await startE2eServer();
    const admin = await openConsole(browser(), server);
    const { page } = admin;

    // 1. The register: a file with an unknown kind on line 3 is previewed and applies nothing.
    await page.getByTestId('tab-register').click();
    await page.getByTestId('unit-riverside-city').waitFor();
    const before = await registerUnits(server);
    await chooseRegisterFile(page, 'register.csv', [registerHeader, brewery, badGlassworks]);
    const badRow = page.getByTestId('import-row-3');
    await badRow.waitFor();
    expect(await badRow.textContent()).toContain('kind');
    expect(await page.getByTestId('import-row-2').textContent()).not.toContain('kind');
    expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
    expect(await page.getByTestId('unit-lakeside-brewery').count()).toBe(0);
    expect(await registerUnits(server)).toEqual(before);
    await expectNoSeriousAxeViolations({ page, label: 'administrator’s register tab, a bad file previewed' });
    await saveScreenshot(page, 'admin-register.png', 'register-import');

    // The corrected file applies: both units are in the tree and in the register.
    await chooseRegisterFile(page, 'register.csv', [registerHeader, brewery, glassworks]);
    await expect.poll(() => page.getByTestId('import-apply').isEnabled(), { timeout: uiTimeoutMs }).toBe(true);
    await page.getByTestId('import-apply').click();
    await page.getByTestId('unit-lakeside-brewery').waitFor();
    await page.getByTestId('unit-northern-glassworks').waitFor();
    const after = (await registerUnits(server)).map((entry) => entry.unit.id);
    expect(after).toEqual(expect.arrayContaining(['lakeside-brewery', 'northern-glassworks']));
    expect(after).toHaveLength(before.length + 2);
    await page.getByTestId('tab-administrators').click();
    await page.locator('#admin-panel').waitFor();
    await expectNoSeriousAxeViolations({ page, label: 'administrator’s administrators tab' });
    await page.getByTestId('tab-sessions').click();
    await page.getByTestId('convene-open').click();
    await page.getByTestId('convene-title').waitFor();
    await expectNoSeriousAxeViolations({ page, label: 'administrator’s sessions tab, the convene form open' });
    expect(admin.pageErrors).toEqual([]);
  });

  test('the administrator convenes Q2 from Q1, builds its agenda, invites 30, revokes one, publishes the notice; the chair starts the first item', async () => {
    const server = await startE2eServer();
    const admin = await openConsole(browser(), server);
    const { page } = admin;

    // 2. Q2 convened from Q1, the agenda proposed; the chair's link is shown once.
    await conveneQ2(page);
    await saveScreenshot(page, 'admin-convene.png', 'convene');
    await page.getByTestId('convene-submit').click();
    const chairLink = await page.getByTestId('chair-link-value').inputValue();
    expect(chairLink).toMatch(/\/s\/[^/#]+#token=/);
    const q2 = decodeURIComponent(/\/s\/([^/#]+)#/.exec(chairLink)![1]!);
    await page.getByTestId(`admin-session-${q2}`).waitFor();

    // Its preparation: the opening first, the second reviews, then every unit on Q1's agenda.
    await page.getByTestId('chair-link-prepare').click();
    await expectLive(page);
    await page.getByTestId('prepare-view').waitFor();
    await page.getByTestId('prepare-day-day-2').waitFor();
    const day1 = await dayItems(page, 'day-1');
    const day2 = await dayItems(page, 'day-2');
    expect(day1.map((item) => item.kind)).toEqual([
      'opening',
      'second-review',
      'second-review',
      'report',
      'report',
      'report',
    ]);
    expect(day2.map((item) => item.kind)).toEqual(['report', 'report', 'report', 'report', 'report']);
    const reports = [...day1, ...day2].filter((item) => item.kind === 'report');
    expect(reports).toHaveLength(q1Units.length);
    q1Units.forEach((unitId, i) => expect(reports[i]!.text).toContain(unitName(unitId)));
    for (const warned of ['coal-mine-3', 'hillside-agriculture']) {
      expect(
        day1.filter((item) => item.kind === 'second-review').some((item) => item.text.includes(unitName(warned))),
      ).toBe(true);
    }
    const q2State = await server.app.commands.state(q2);
    expect(new Set(Object.values(q2State.agenda).flatMap((item) => (item.unitId ? [item.unitId] : [])))).toEqual(
      new Set(q1Units),
    );

    // 3. An item edited: its topic and timebox.
    const steel = reports[0]!.id;
    await page.getByTestId(`edit-item-${steel}`).click();
    const form = page.getByTestId(`edit-item-form-${steel}`);
    await form.getByRole('textbox').fill('Riverside Steel Works — the blast furnace rebuilt');
    await form.getByRole('spinbutton').fill('25');
    await page.getByTestId(`edit-item-form-${steel}-submit`).click();
    await form.waitFor({ state: 'detached' });
    const steelRow = page.getByTestId(`prepare-item-${steel}`);
    await expect.poll(() => steelRow.textContent(), { timeout: uiTimeoutMs }).toContain('the blast furnace rebuilt');
    expect(await steelRow.locator('.agenda-item__minutes').textContent()).toContain('25');

    // Reordered by the keyboard on the row (Alt+↓ then Alt+↑), and by the move buttons.
    let order = day1.map((item) => item.id);
    const steelAt = order.indexOf(steel);
    await steelRow.focus();
    await page.keyboard.press('Alt+ArrowDown');
    order = moved(order, steelAt, steelAt + 1);
    await expectDayOrder(page, 'day-1', order);
    // The focus follows the moved item, so the next key moves it again.
    await expect.poll(() => steelRow.evaluate((row) => row === document.activeElement)).toBe(true);
    await page.keyboard.press('Alt+ArrowUp');
    order = moved(order, steelAt + 1, steelAt);
    await expectDayOrder(page, 'day-1', order);
    const last = order.at(-1)!;
    await page.getByTestId(`move-up-${last}`).click();
    order = moved(order, order.length - 1, order.length - 2);
    await expectDayOrder(page, 'day-1', order);
    expect((await dayItems(page, 'day-1'))[0]!.kind).toBe('opening');

    // One item moved to the other day: it goes to the end of day 2.
    const toMove = order.at(-1)!;
    await page.getByTestId(`move-day-${toMove}`).click();
    await expectDayOrder(page, 'day-1', order.slice(0, -1));
    await expectDayOrder(page, 'day-2', [...day2.map((item) => item.id), toMove]);

    // 5 (before). The notice cannot go out yet: every unit on the agenda lacks its presenter, named.
    const problems = page.getByTestId('notice-problems');
    await problems.waitFor();
    expect(await problems.locator('li').count()).toBe(q1Units.length);
    for (const unitId of q1Units) expect(await problems.textContent()).toContain(unitName(unitId));
    expect(await page.getByTestId('publish-notice-submit').isDisabled()).toBe(true);

    // 4. Thirty people invited from a pasted list; their thirty links are shown once.
    const list = invitationList(q1Units);
    expect(list).toHaveLength(30);
    await page.getByTestId('paste-text').fill(list.join('\n'));
    await page.getByTestId('paste-preview').click();
    await expect.poll(() => page.getByTestId('paste-invite').isEnabled(), { timeout: uiTimeoutMs }).toBe(true);
    expect(await page.getByTestId('paste-rows').locator('tbody tr').count()).toBe(30);
    expect(await page.getByTestId('paste-rows').locator('tbody tr[data-invalid]').count()).toBe(0);
    await page.getByTestId('paste-invite').click();
    const issued = page.getByTestId('issued-links');
    await issued.waitFor();
    const links = await issued.locator('.prepare-links__link').allTextContents();
    expect(links).toHaveLength(30);
    expect(new Set(links).size).toBe(30);
    for (const link of links) expect(link).toContain(`/s/${encodeURIComponent(q2)}#token=`);
    await expect
      .poll(() => page.getByTestId('participants').locator('tr[data-testid^="participant-"]').count(), {
        timeout: uiTimeoutMs,
      })
      .toBe(31);

    // One invitee's link opens in a browser of its own, and connects: the invitations list says joined.
    const officialRow = issued.locator('tbody tr').filter({ hasText: 'Official 3' });
    const officialLink = (await officialRow.locator('.prepare-links__link').textContent()) ?? '';
    expect(await participantRow(page, 'Official 3').getAttribute('data-status')).toBe('invited');
    const official = await openScreen(browser(), server, 'official', { url: officialLink });
    await expect
      .poll(() => participantRow(page, 'Official 3').getAttribute('data-status'), { timeout: uiTimeoutMs })
      .toBe('joined');

    // Revoked from the preparation view: the official's open screen says so at once, no reload.
    await participantRow(page, 'Official 3').locator('[data-testid^="revoke-"]').click();
    await page.locator('[data-testid^="revoke-dialog-"][data-testid$="-confirm"]').click();
    const ended = official.page.getByTestId('link-ended');
    await ended.waitFor({ timeout: 5_000 });
    expect(await ended.getAttribute('data-reason')).toBe('revoked');
    await expect
      .poll(() => participantRow(page, 'Official 3').getAttribute('data-status'), { timeout: uiTimeoutMs })
      .toBe('revoked');

    // 5. The notice: nothing stops it now; it goes out.
    await page.getByTestId('notice-ready').waitFor();
    await page.getByTestId('prepare-notice').scrollIntoViewIfNeeded();
    await expectNoSeriousAxeViolations({ page, label: 'preparation view, the links issued' });
    await saveScreenshot(page, 'prepare.png', 'prepare-days');
    await page.getByTestId('publish-notice-submit').click();
    // Publishing cannot be taken back: it asks first.
    await page.getByTestId('publish-notice-dialog-confirm').click();
    await page.getByTestId('publish-notice-submit').waitFor({ state: 'detached' });
    expect((await server.app.commands.state(q2)).status).toBe('noticed');

    // 6. The chair, from the link shown at convening, opens day 1 and starts its first item.
    const chair = await openScreen(browser(), server, 'chair', { url: chairLink });
    await chair.page.getByTestId('tab-floor').click();
    await chair.page.getByTestId('open-day-day-1').click();
    // Day 1 is ten days ahead: opening it today asks first.
    await confirmFloorAction(chair.page, 'confirm-open-day');
    const first = order[0]!;
    await chair.page.getByTestId(`start-item-${first}`).click();
    await expect
      .poll(async () => (await itemStatus(chair.page, first)).status, { timeout: uiTimeoutMs })
      .toBe('presenting');
    await chair.page.getByTestId('current-item').locator('[data-status="presenting"]').waitFor();

    for (const screen of [admin, official, chair]) expect(screen.pageErrors).toEqual([]);
  });
});
