import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer } from '../helpers/startTestServer.js';
import { describeBrowser, launchBrowser, uiTimeoutMs } from './helpers/browser.js';

describeBrowser('the API’s browsable page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  test('/api/docs shows every operation from the document, under the app’s CSP, loading nothing from elsewhere', async () => {
    const server = await startTestServer({ store: 'memory' });
    const page = await browser.newPage();
    const refused: string[] = [];
    const foreign: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') refused.push(message.text());
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) foreign.push(request.url());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${server.url}/api/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: uiTimeoutMs });
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, object>;
    };
    const operations = Object.values(document.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
    expect(await page.locator('.opblock').count()).toBe(operations);
    await expect(page.getByRole('heading', { name: /Plenum REST API/ }).count()).resolves.toBeGreaterThan(0);
    expect(refused).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });
});
