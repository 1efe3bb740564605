/**
 * The canary: optimizer → best row → "Validate with walk-forward" → verdict.
 * Besides its screenshot it leaves evidence a reviewer can read without
 * rerunning it: /metrics after the journey, a summary with pass/fail and step
 * latencies, and the screenshots, in evidence/canary/<timestamp>/ (or
 * CANARY_EVIDENCE_DIR).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { baseUrl, formReady, mintTraderKey, repoRoot, screenshot, useApiKey } from '../support/app';

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const evidenceDir = process.env.CANARY_EVIDENCE_DIR ?? join(repoRoot, 'evidence', 'canary', stamp);
const steps: { step: string; ms: number }[] = [];
const shots: string[] = [];
let verdictText = '';

async function timed<T>(step: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const out = await fn();
  steps.push({ step, ms: Math.round(performance.now() - started) });
  return out;
}

test.afterEach(async ({}, testInfo) => {
  mkdirSync(evidenceDir, { recursive: true });
  const metrics = await fetch(`${baseUrl()}/metrics`).then(
    (r) => r.text(),
    (e: unknown) => `could not read /metrics: ${String(e)}`,
  );
  writeFileSync(join(evidenceDir, 'metrics_snapshot.txt'), metrics);
  const summary = [
    'scenario: optimizer → best row → "Validate with walk-forward" → verdict shown',
    `result: ${testInfo.status === testInfo.expectedStatus ? 'PASS' : 'FAIL'} (${testInfo.status})`,
    `verdict: ${verdictText || '(none shown)'}`,
    `total: ${Math.round(testInfo.duration)} ms`,
    ...steps.map((s) => `latency ${s.step}: ${s.ms} ms`),
    ...(testInfo.error?.message ? [`error: ${testInfo.error.message.split('\n')[0]}`] : []),
    `app: ${baseUrl()}`,
    `finished: ${new Date().toISOString()}`,
  ];
  writeFileSync(join(evidenceDir, 'test_summary.txt'), `${summary.join('\n')}\n`);
  for (const shot of shots) copyFileSync(shot, join(evidenceDir, shot.split('/').pop()!));
});

test('optimizer → best row → "Validate with walk-forward" → verdict shown', async ({ page }) => {
  await useApiKey(page, await mintTraderKey('e2e canary'));
  await page.goto('/optimize');
  await formReady(page, 'Run optimization');
  // The default grid: emaFast 10..30 by 5 × emaSlow 30..70 by 10, one pair (30, 30) skipped by emaSlow > emaFast.
  await expect(page.getByTestId('combination-count')).toContainText('24 combinations');

  await timed('optimize (start → leaderboard)', async () => {
    await page.getByRole('button', { name: 'Run optimization' }).click();
    await expect(page.getByTestId('optimize-results')).toBeVisible({ timeout: 45_000 });
  });
  await expect(page.getByTestId('job-progress')).toHaveCount(0);
  const results = page.getByTestId('optimize-results');
  await expect(results.getByText('24 / 24')).toBeVisible();
  await expect(page.locator('table.sp-heatmap')).toBeVisible();
  shots.push(await screenshot(page, 'canary-leaderboard'));

  const best = page.getByTestId('validate-cell-1');
  await timed('validate best row (click → verdict)', async () => {
    await best.getByRole('button', { name: 'Validate with walk-forward' }).click();
    await expect(best.getByTestId('validation-verdict')).toBeVisible({ timeout: 30_000 });
  });
  verdictText = (await best.getByTestId('validation-verdict').innerText()).replace(/\s+/g, ' ').trim();
  expect(verdictText).toMatch(/^(ROBUST|OVERFIT|INCONCLUSIVE)\b/i);
  const detail = page.getByTestId('validation-detail');
  await expect(detail).toContainText('Train Sharpe');
  await expect(detail).toContainText('threshold 0.60');
  shots.push(await screenshot(page, 'canary'));
});
