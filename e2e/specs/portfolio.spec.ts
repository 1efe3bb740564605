import { expect, test } from '@playwright/test';
import { collectPageErrors, formReady, screenshot } from '../support/app';

test('a portfolio of three symbols shows a 3x3 correlation heatmap and combined vs individual equity', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/portfolio?symbols=BTCUSDT,ETHUSDT,BNBUSDT');
  await formReady(page, 'Run portfolio');
  await expect(page.getByText('Total 100.00%')).toBeVisible();

  // Weights stay summing to 100 %: setting one rescales the others.
  await page.getByLabel('Weight of BTCUSDT, percent').fill('50');
  await expect(page.getByLabel('Weight of ETHUSDT, percent')).toHaveValue('25.00');
  await expect(page.getByText('Total 100.00%')).toBeVisible();

  await page.getByRole('button', { name: 'Run portfolio' }).click();
  const results = page.getByTestId('portfolio-results');
  await expect(results).toBeVisible({ timeout: 30_000 });

  const heatmap = results.locator('table.sp-heatmap');
  await expect(heatmap.locator('thead th')).toHaveText(['BTCUSDT', 'ETHUSDT', 'BNBUSDT']);
  await expect(heatmap.locator('tbody tr')).toHaveCount(3);
  for (const row of await heatmap.locator('tbody tr').all()) await expect(row.locator('td')).toHaveCount(3);
  // A symbol is perfectly correlated with itself.
  await expect(heatmap.locator('tbody tr').first().locator('td').first()).toHaveText('1.00');

  await expect(results.getByRole('list', { name: 'Legend' })).toContainText('Portfolio');
  await expect(results.getByRole('list', { name: 'Legend' })).toContainText('ETHUSDT alone');
  await expect(results.getByTestId('per-symbol-table').locator('tbody tr').first()).toContainText('50.0%');
  expect(errors).toEqual([]);
  await screenshot(page, 'portfolio');
});
