import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { clientDist } from '../helpers/clientBuild.js';
import { tempDir } from '../helpers/tempDir.js';
import { describeBrowser, expectLive, openScreen, uiTimeoutMs, useBrowser } from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

// A deploy rebuilds the client while screens are open: every hashed chunk gets a new name and the
// old ones are gone. An open screen must reach the new build when it next loads code, not stay
// on "Something went wrong", and the service worker must not hand back the page of the old build.

/** Files the build writes as text, whose references to other files are rewritten. */
const textFile = /\.(js|css|html|json|svg|webmanifest)$/;

/**
 * A copy of `client/dist` in `to` as a new build would be: each asset renamed with `tag` in its
 * hash, and every reference to it rewritten. The compressed forms are left out (they would hold
 * the old names); the server sends the plain files instead.
 */
async function rebuiltClient(to: string, tag: string): Promise<void> {
  const assets = (await readdir(join(clientDist, 'assets'))).filter((name) => !/\.(br|gz)$/.test(name));
  const renamed = new Map(
    assets.map((name) => {
      const dot = name.lastIndexOf('.');
      return [name, `${name.slice(0, dot)}${tag}${name.slice(dot)}`];
    }),
  );
  const rewrite = (text: string) => {
    for (const [from, into] of renamed) text = text.split(from).join(into);
    return text;
  };
  await mkdir(join(to, 'assets'), { recursive: true });
  for (const [from, into] of renamed) {
    const source = join(clientDist, 'assets', from);
    if (textFile.test(from)) await writeFile(join(to, 'assets', into), rewrite(await readFile(source, 'utf8')));
    else await cp(source, join(to, 'assets', into));
  }
  for (const name of (await readdir(clientDist)).filter((name) => name !== 'assets' && !/\.(br|gz)$/.test(name))) {
    await writeFile(join(to, name), rewrite(await readFile(join(clientDist, name), 'utf8')));
  }
}

/** Replaces the build served from `served` with the one in `next`, the old assets deleted as a fresh build does. */
async function deploy(served: string, next: string): Promise<void> {
  await rm(served, { recursive: true, force: true });
  await cp(next, served, { recursive: true });
}

/** Whether `page` runs the build whose asset names carry `tag`. */
function runsBuild(page: Page, tag: string): Promise<boolean> {
  return page.evaluate((tag) => Array.from(document.scripts).some((script) => script.src.endsWith(`${tag}.js`)), tag);
}

const crashHeading = 'Something went wrong on this screen';

describeBrowser('an upgrade while screens are open', () => {
  const browser = useBrowser();

  test('a view whose code the new build removed loads the new build once, on that view, with a criticism draft kept; a second upgrade at once shows the error screen, whose reload brings the newest build', async () => {
    const dir = await tempDir('plenum-upgrade-');
    const served = join(dir, 'served');
    await cp(clientDist, served, { recursive: true });
    await rebuiltClient(join(dir, 'second'), 'u2');
    await rebuiltClient(join(dir, 'third'), 'u3');

    const server = await startE2eServer({ clientDir: served });
    await server.app.commands.execute(server.participants.chair, server.sessionId, 'upgrade-start-item-2', {
      type: 'agenda:start-item',
      payload: { itemId: 'item-2' },
    });
    const official = await openScreen(browser(), server, 'official');
    const page = official.page;
    // The service worker is registered once the session is live and takes over the open page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: uiTimeoutMs });
    const draft = 'The coke battery was idle for most of March.';
    await page.getByTestId('criticism-text').fill(draft);

    await deploy(served, join(dir, 'second'));
    await page.getByTestId('tab-minutes').click();
    // The page reloads by itself onto the new build and shows the view asked for.
    await expect.poll(() => runsBuild(page, 'u2').catch(() => false), { timeout: uiTimeoutMs }).toBe(true);
    await expectLive(page);
    await page.getByTestId('minutes').waitFor();
    expect(await page.getByRole('heading', { name: crashHeading }).count()).toBe(0);
    await page.getByTestId('tab-floor').click();
    expect(await page.getByTestId('criticism-text').inputValue()).toBe(draft);

    // Another upgrade right after: reloading again by itself could loop, so the error screen
    // stays, and its button brings the newest build (not a page the service worker kept).
    await deploy(served, join(dir, 'third'));
    await page.getByTestId('tab-dashboard').click();
    await page.getByRole('heading', { name: crashHeading }).waitFor();
    expect(await runsBuild(page, 'u2')).toBe(true);
    await page.getByRole('button', { name: 'Reload the page' }).click();
    await expect.poll(() => runsBuild(page, 'u3').catch(() => false), { timeout: uiTimeoutMs }).toBe(true);
    await expectLive(page);
    await page.getByTestId('tab-dashboard').click();
    await page.getByTestId('dashboard').waitFor();
    expect(await page.getByRole('heading', { name: crashHeading }).count()).toBe(0);
  });
});
