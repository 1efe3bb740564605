import { expect, test } from '@playwright/test';
import { formReady, mintTraderKey, screenshot, useApiKey } from '../support/app';

const list = (from: number, to: number, step: number) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step).join(',');

test('a long optimization shows its progress and can be cancelled; the run records the cancellation', async ({ page }) => {
  await useApiKey(page, await mintTraderKey('e2e cancel'));
  // 480 combinations over ~475,000 one-minute bars: seconds of work, so there is time to cancel.
  const query = new URLSearchParams({
    exchange: 'demo',
    symbol: 'SOLUSDT',
    timeframe: '1m',
    start: '2023-01-01',
    end: '2023-11-28',
    'strategy.name': 'emaCross',
    'grid.emaFast': list(5, 100, 5),
    'grid.emaSlow': list(110, 340, 10),
    method: 'grid',
  });
  await page.goto(`/optimize?${query}`);
  await formReady(page, 'Run optimization');
  await expect(page.getByTestId('combination-count')).toContainText('480 combinations');

  await page.getByRole('button', { name: 'Run optimization' }).click();
  const progress = page.getByTestId('job-progress');
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText(/The search was cancelled \(cancelled by key:/)).toBeVisible();
  await expect(page.getByTestId('optimize-results')).toHaveCount(0);
  await screenshot(page, 'cancel');

  // The job's id is in the URL; its run page tells the same story.
  const runId = new URL(page.url()).searchParams.get('job');
  expect(runId).toMatch(/^bt-/);
  await page.goto(`/runs/${runId}`);
  await expect(page.getByRole('alert').filter({ hasText: 'Cancelled' })).toContainText('cancelled by key:');
});
