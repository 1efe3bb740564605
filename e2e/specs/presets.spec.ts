import { expect, test } from '@playwright/test';
import { formReady, mintTraderKey, screenshot, useApiKey } from '../support/app';

test('saves the backtest form as a preset, and loads it back after a reload', async ({ page }) => {
  await useApiKey(page, await mintTraderKey('e2e presets'));
  const name = `e2e swing ${Date.now()}`;

  await page.goto('/backtest');
  await formReady(page, 'Run backtest');
  const emaFast = page.locator('input[name="emaFast"]');
  await emaFast.fill('12');
  await page.locator('select[name="timeframe"]').selectOption('4h');

  await page.getByRole('button', { name: 'Save as…' }).click();
  await page.getByLabel('Preset name').fill(name);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved “${name}” (version 1).` })).toBeVisible();

  // A fresh page: the defaults are back.
  await page.goto('/backtest');
  await formReady(page, 'Run backtest');
  await expect(emaFast).toHaveValue('20');
  await expect(page.locator('select[name="timeframe"]')).toHaveValue('1h');

  await page.getByTestId('preset-select').selectOption(name);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(emaFast).toHaveValue('12');
  await expect(page.locator('select[name="timeframe"]')).toHaveValue('4h');
  await expect.poll(() => new URL(page.url()).searchParams.get('strategy.params.emaFast')).toBe('12');

  // The loaded state is in the URL, so it survives a reload.
  await page.reload();
  await formReady(page, 'Run backtest');
  await expect(emaFast).toHaveValue('12');

  await page.goto('/presets');
  const row = page.locator(`tr[data-preset="${name}"]`);
  await expect(row).toContainText('Backtest');
  await expect(row).toContainText('4h');
  await screenshot(page, 'presets');
});
