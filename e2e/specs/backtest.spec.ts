import { expect, test } from '@playwright/test';
import { collectPageErrors, formReady, screenshot } from '../support/app';

test.describe('backtest journey', () => {
  test('runs the default backtest on the demo feed and shows the chart, equity, metrics and trades', async ({ page }) => {
    const errors = collectPageErrors(page);
    await page.goto('/backtest');
    await formReady(page, 'Run backtest');
    await page.getByRole('button', { name: 'Run backtest' }).click();

    const results = page.getByTestId('backtest-results');
    await expect(results).toBeVisible({ timeout: 30_000 });
    await expect(results.getByText('demo data', { exact: true })).toBeVisible();
    // The price chart: a focusable canvas group described for screen readers, with its indicators in the legend.
    const price = page.getByRole('group', { name: /^BTCUSDT · 1h · emaCross/ });
    await expect(price).toBeVisible();
    await expect(price.locator('canvas').first()).toBeVisible();
    await expect(page.getByRole('list', { name: 'Legend' }).first()).toContainText('EMA 20');
    await expect(page.getByRole('term').filter({ hasText: 'Sharpe' }).first()).toBeVisible();

    const trades = page.getByTestId('trades-card');
    const rows = trades.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    // Sortable: clicking PnL sorts by it, and the header says so.
    await trades.getByRole('button', { name: 'PnL' }).click();
    await expect(trades.locator('th[aria-sort="ascending"]')).toContainText('PnL');

    // The page state is in the URL: the link reproduces this setup.
    expect(new URL(page.url()).searchParams.get('symbol')).toBe('BTCUSDT');
    expect(errors).toEqual([]);
    await screenshot(page, 'backtest');
  });

  test('stacks the form above the results at phone width, without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/backtest');
    await formReady(page, 'Run backtest');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    await expect(page.getByTestId('backtest-results')).toBeVisible({ timeout: 30_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'backtest-phone');
  });

  test('draws a 50,000-bar backtest and pans and zooms it from the keyboard', async ({ page }) => {
    test.setTimeout(120_000);
    const errors = collectPageErrors(page);
    // 35 days of 1-minute demo candles: 50,400 bars.
    await page.goto('/backtest?exchange=demo&symbol=BTCUSDT&timeframe=1m&start=2024-01-01&end=2024-02-05&strategy.name=emaCross');
    await formReady(page, 'Run backtest');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    await expect(page.getByTestId('backtest-results')).toBeVisible({ timeout: 90_000 });
    await expect(page.getByText('50,400 bars · UTC')).toBeVisible();
    const chart = page.getByRole('group', { name: /^BTCUSDT · 1m/ });
    await chart.focus();
    for (const key of ['+', '+', '+', 'ArrowLeft', 'ArrowLeft', '-', 'End', 'Home', '0']) await page.keyboard.press(key);
    await expect(chart.locator('canvas').first()).toBeVisible();
    expect(errors).toEqual([]);
  });
});
