import { expect, test } from '@playwright/test';
import { adminToken, formReady, screenshot, setFlag, useApiKey } from '../support/app';

test.describe('admin flips a procedure to mock', () => {
  // Whatever happens in the test, the next journey must find the engine serving backtests.
  test.afterEach(async () => {
    await setFlag('run', 'real');
  });

  test('the backtest page then shows the mock badge on its result, and the banner names the procedure', async ({ page }) => {
    await useApiKey(page, adminToken());
    await page.goto('/admin');
    const row = page.locator('tr[data-flag="run"]');
    await expect(row).toContainText('real');
    await row.getByRole('button', { name: 'Switch Backtest to mock' }).click();
    await expect(page.getByTestId('flag-effective-run')).toContainText('MOCK — not real results');
    await expect(page.getByTestId('mock-banner')).toContainText('Backtest (run) returns deterministic mock results');
    await screenshot(page, 'admin-flags');

    await page.goto('/backtest');
    await formReady(page, 'Run backtest');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const meta = page.getByTestId('result-meta');
    await expect(meta).toBeVisible({ timeout: 30_000 });
    await expect(meta.getByText('MOCK — not real results')).toBeVisible();
    await expect(page.getByTestId('mock-banner')).toBeVisible();
    await screenshot(page, 'backtest-mock');

    // Back to real from the page, as an admin would.
    await page.goto('/admin');
    await page.locator('tr[data-flag="run"]').getByRole('button', { name: 'Switch Backtest to real' }).click();
    await expect(page.getByTestId('flag-effective-run')).toContainText('real');
    await expect(page.getByTestId('mock-banner')).toHaveCount(0);
    // Both changes are in the audit log, attributed to the admin token.
    await expect(page.getByTestId('audit-table').locator('tbody tr').filter({ hasText: 'flag.set' })).toHaveCount(2);
  });
});
