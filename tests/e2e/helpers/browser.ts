import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Role } from '@plenum/shared';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFinished } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../helpers/chromium.js';
import { ensureClientBuilt, repoRoot } from '../../helpers/clientBuild.js';
import type { E2eServer } from './e2eServer.js';

const isCI = process.env.CI === 'true';
const hasChromium = existsSync(chromiumPath);
const missingMessage = `browser tests skipped: install chromium with apt-get install -y chromium (no browser at ${chromiumPath})`;

if (!hasChromium && !isCI) console.warn(`\n!!! ${missingMessage} !!!\n`);

/**
 * `describe` for browser tests: skipped (with a loud warning) when chromium is missing on a
 * developer's machine, but run, and failing in `launchBrowser`, when CI=true, so CI can never
 * pass without them.
 */
export const skipsBrowserTests = !hasChromium && !isCI;
export const describeBrowser = describe.skipIf(skipsBrowserTests);

/** Where screenshots of failed tests go: `test-results/e2e/<test name>-<role>.png`. */
export const screenshotDir = join(repoRoot, 'test-results', 'e2e');

/**
 * How long one UI expectation may wait (a round trip through the real server, plus a render). A
 * bound for a stuck screen, not a speed requirement: in CI the suite's projects run side by side
 * on two cores, and a first lazily loaded screen has taken over 10 s to show there.
 */
export const uiTimeoutMs = 20_000;

/** Launches headless chromium with the flags this machine needs (TOOLCHAIN.md, pitfall 10). */
export async function launchBrowser(): Promise<Browser> {
  if (!hasChromium) {
    throw new Error(
      `CI=true requires the browser tests, but there is no chromium at ${chromiumPath}: install it with apt-get install -y chromium`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: 30_000,
    args: chromiumArgs,
  });
}

/**
 * One browser for the test file (launched in `beforeAll`, closed in `afterAll`), after making
 * sure the client is built. Call inside a `describeBrowser` block. A launch or build failure
 * fails each test (rather than leaving them "skipped" behind a failed hook), with its message.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | null = null;
  let setupError: Error | null = null;
  beforeAll(async () => {
    try {
      await ensureClientBuilt();
      browser = await launchBrowser();
    } catch (error) {
      setupError = error instanceof Error ? error : new Error(`the browser tests could not start: ${String(error)}`);
    }
  });
  afterAll(async () => {
    await browser?.close();
    browser = null;
  });
  return () => {
    if (setupError !== null) throw setupError;
    if (!browser) throw new Error('the browser is not launched (useBrowser() must be called in the describe block)');
    return browser;
  };
}

/** One participant's screen: a browser context of its own (its own sessionStorage), one page. */
export interface Screen {
  role: Role;
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions thrown in the page. */
  pageErrors: Error[];
  /** `console.error` messages of the page. */
  consoleErrors: string[];
}

const viewports: Record<Role, { width: number; height: number }> = {
  chair: { width: 1366, height: 900 },
  presenter: { width: 1280, height: 800 },
  official: { width: 1280, height: 800 },
  inspector: { width: 1280, height: 800 },
  observer: { width: 1920, height: 1080 },
  administrator: { width: 1366, height: 900 },
};

function fileSafe(name: string): string {
  return name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
}

/**
 * Opens the invite link of `role` (or `url`, another link of that role, e.g. one issued in the
 * test, or the administrator's console) in a fresh context (of the role's usual screen size
 * unless `viewport` says otherwise; after `beforeLoad`, e.g. to route its WebSocket) and waits
 * until it is `ready` (by default: the connection badge says live). When the running test finishes the context is closed; when it failed, the page is
 * first saved to `test-results/e2e/<test name>-<role>.png` and its errors printed.
 */
export async function openScreen(
  browser: Browser,
  server: E2eServer,
  role: Role,
  options: {
    beforeLoad?: (page: Page) => Promise<void>;
    viewport?: { width: number; height: number };
    url?: string;
    /** What says the screen is ready; by default the connection badge says live. */
    ready?: (page: Page) => Promise<void>;
  } = {},
): Promise<Screen> {
  const context = await browser.newContext({
    viewport: options.viewport ?? viewports[role],
    locale: 'en-GB',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(uiTimeoutMs);
  const screen: Screen = { role, context, page, pageErrors: [], consoleErrors: [] };
  page.on('pageerror', (error) => screen.pageErrors.push(error));
  page.on('console', (message) => {
    if (message.type() === 'error') screen.consoleErrors.push(message.text());
  });
  // Registered after the server's teardown, so it runs before it (onTestFinished hooks run last-in first-out).
  onTestFinished(async ({ task }) => {
    try {
      // Not for a test expected to fail (`test.fails`, a known bug): nothing to look into there.
      if (task.result?.state === 'fail' && task.fails !== true) {
        await mkdir(screenshotDir, { recursive: true });
        const path = join(screenshotDir, `${fileSafe(task.name)}-${role}.png`);
        await page.screenshot({ path, fullPage: true, timeout: 5_000 }).then(
          () => console.error(`e2e: saved ${path}`),
          (error: unknown) => console.error(`e2e: no screenshot of the ${role}'s page: ${String(error)}`),
        );
        if (screen.pageErrors.length > 0 || screen.consoleErrors.length > 0) {
          console.error(
            `e2e: the ${role}'s page logged:\n${[...screen.pageErrors.map((e) => e.stack ?? e.message), ...screen.consoleErrors].join('\n')}`,
          );
        }
      }
    } finally {
      await context.close();
    }
  });
  await options.beforeLoad?.(page);
  await page.goto(options.url ?? server.inviteUrl(role), { waitUntil: 'domcontentloaded' });
  await (options.ready ?? expectLive)(page);
  return screen;
}

/** The connection badge of `page` says live (by its status attribute, not its words). */
export async function expectLive(page: Page, timeoutMs = uiTimeoutMs): Promise<void> {
  await page.getByTestId('connection-status').and(page.locator('[data-status="live"]')).waitFor({ timeout: timeoutMs });
}

/**
 * Confirms the chair's close, adjourn or opening of a day off its date in the dialog that asks
 * first (`confirm-close-item`, `confirm-adjourn-day`, `confirm-open-day`).
 */
export async function confirmFloorAction(
  page: Page,
  dialogTestId: 'confirm-close-item' | 'confirm-adjourn-day' | 'confirm-open-day',
): Promise<void> {
  const dialog = page.getByTestId(dialogTestId);
  await dialog.waitFor({ timeout: uiTimeoutMs });
  await page.getByTestId(`${dialogTestId}-confirm`).click();
  await dialog.waitFor({ state: 'detached', timeout: uiTimeoutMs });
}

/** The status of agenda item `itemId` as the page shows it: the attribute and the words. */
export async function itemStatus(page: Page, itemId: string): Promise<{ status: string | null; text: string }> {
  const row = page.getByTestId(`agenda-item-${itemId}`);
  const tag = row.locator('.agenda-item__main .status-tag');
  return { status: await row.getAttribute('data-status'), text: (await tag.innerText()).trim() };
}

/** Unfolds the criticism form where it is folded (the chair's), so its fields can be typed into. */
export async function openCriticismForm(page: Page): Promise<void> {
  const toggle = page.getByTestId('criticism-form-toggle');
  if ((await toggle.count()) > 0 && !(await page.getByTestId('criticism-text').isVisible())) await toggle.click();
}

/**
 * Posts a criticism through the page's form (unfolding it where folded) and waits until it is
 * listed, sent, on each page of `listedOn`: by default the poster's own.
 */
export async function postCriticism(page: Page, text: string, listedOn: readonly Page[] = [page]): Promise<void> {
  await openCriticismForm(page);
  await page.getByTestId('criticism-text').fill(text);
  await expect.poll(() => page.getByTestId('criticism-submit').isEnabled(), { timeout: uiTimeoutMs }).toBe(true);
  await page.getByTestId('criticism-submit').click();
  for (const listing of listedOn) {
    await criticismEntries(listing).filter({ hasText: text }).waitFor({ timeout: uiTimeoutMs });
  }
}

/** The criticism entries of the page's list (sent ones; the greyed "sending…" ones excluded). */
export function criticismEntries(page: Page) {
  return page.getByTestId('criticism-list').locator(':scope > li:not([data-testid="criticism-pending"])');
}

/** The ids of the listed criticisms, in order, from their `criticism-<id>` test ids. */
export async function criticismIds(page: Page): Promise<string[]> {
  const testIds = await criticismEntries(page).evaluateAll((items) =>
    items.map((item) => item.getAttribute('data-testid') ?? ''),
  );
  return testIds.map((testId) => testId.replace(/^criticism-/, ''));
}

/** The result of one axe-core scan: its serious or critical violations, printed, and the lesser ones. */
async function axeScan(page: Page, label: string): Promise<{ serious: string | null; lesser: string | null }> {
  const results = await new AxeBuilder({ page }).analyze();
  const isSerious = (impact: string | null | undefined) => impact === 'serious' || impact === 'critical';
  const serious = results.violations.filter((v) => isSerious(v.impact));
  const lesser = results.violations.filter((v) => !isSerious(v.impact));
  return {
    serious:
      serious.length === 0
        ? null
        : `${serious.length} serious or critical violation(s) on the ${label} screen:\n${serious
            .map(
              (v) =>
                `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes
                  .map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`)
                  .join('\n')}`,
            )
            .join('\n')}`,
    lesser:
      lesser.length === 0
        ? null
        : `${label}: ${lesser.map((v) => `[${v.impact ?? 'unknown'}] ${v.id} x${v.nodes.length}`).join(', ')}`,
  };
}

/**
 * Runs axe-core (all its default rules) on each page, side by side, and fails when any has a
 * serious or critical violation, printing each with its elements. Lesser findings are printed
 * as warnings and do not fail.
 */
export async function expectNoSeriousAxeViolations(...screens: { page: Page; label: string }[]): Promise<void> {
  const scans = await Promise.all(screens.map(({ page, label }) => axeScan(page, label)));
  const lesser = scans.flatMap((scan) => (scan.lesser === null ? [] : [scan.lesser]));
  if (lesser.length > 0) console.warn(`axe: lesser findings (not failing):\n  ${lesser.join('\n  ')}`);
  const serious = scans.flatMap((scan) => (scan.serious === null ? [] : [scan.serious]));
  if (serious.length > 0) {
    expect.fail(`axe: ${serious.join('\n')}`);
  }
}

/** The `data-testid` of the focused element, or null. */
function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/**
 * Presses Tab (at most `maxPresses` times) until the element with `testId` has the focus;
 * fails if it never does (it is disabled, hidden, or not in the tab order).
 */
export async function tabTo(page: Page, testId: string, maxPresses = 200): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses++) {
    if ((await focusedTestId(page)) === testId) return;
    await page.keyboard.press('Tab');
  }
  if ((await focusedTestId(page)) === testId) return;
  expect.fail(`Tab never reached [data-testid="${testId}"] in ${maxPresses} presses`);
}
