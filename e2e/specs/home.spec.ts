import { expect, test } from '@playwright/test';

test('the home page shows the service mode read from the feature flags', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('health-mode')).toHaveText('full-real');
  await page.screenshot({ path: 'test-results/screenshots/home.png', fullPage: true });
});
