import { expect, test } from 'vitest';
import {
  describeBrowser,
  expectNoSeriousAxeViolations,
  openScreen,
  uiTimeoutMs,
  useBrowser,
} from './helpers/browser.js';
import { startE2eServer } from './helpers/e2eServer.js';

describeBrowser('API tokens in the admin console', () => {
  const browser = useBrowser();

  test('the administrator creates a token on screen, sees it once, the API takes it, and the list shows its use; axe finds nothing serious', async () => {
    const server = await startE2eServer();
    const admin = await openScreen(browser(), server, 'administrator', {
      url: server.adminUrl,
      viewport: { width: 1440, height: 900 },
      ready: (page) => page.getByTestId('admin-you').waitFor({ timeout: uiTimeoutMs }),
    });
    const { page } = admin;
    await page.getByRole('tab', { name: 'API tokens' }).click();
    await page.getByRole('heading', { name: 'Create an API token' }).waitFor({ timeout: uiTimeoutMs });
    await page.getByLabel('Name').fill('Reporting system');
    await page.getByRole('checkbox', { name: /read:sessions/ }).check();
    await page.getByRole('button', { name: 'Create the token' }).click();
    const value = page.getByTestId('api-token-created-value');
    await value.waitFor({ timeout: uiTimeoutMs });
    const token = await value.inputValue();
    expect(token).toMatch(/^plnm_/);
    await expectNoSeriousAxeViolations({ page, label: 'administrator’s API tokens tab, a token shown once' });

    const answer = await fetch(`${server.url}/api/v1/sessions`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    await page.getByTestId('api-token-created-done').click();
    await page.getByRole('tab', { name: 'Administrators' }).click();
    await page.getByRole('tab', { name: 'API tokens' }).click();
    await expect.poll(() => page.getByTestId('api-tokens').textContent(), { timeout: uiTimeoutMs }).toContain('1 use');
    expect(await page.content()).not.toContain(token);
    expect(admin.pageErrors).toEqual([]);
  });
});
