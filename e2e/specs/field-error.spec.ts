import { expect, test } from '@playwright/test';
import { formReady, screenshot } from '../support/app';

test.describe('bad input', () => {
  test('shows the broken rule next to the field as it is typed, and blocks the run', async ({ page }) => {
    await page.goto('/backtest');
    await formReady(page, 'Run backtest');

    const slow = page.locator('input[name="emaSlow"]');
    await slow.fill('10');
    // The API's own schema, run in the browser: the same words the server would answer with.
    const error = page.getByText('emaSlow must be greater than emaFast (20); got 10');
    await expect(error).toBeVisible();
    await expect(slow).toHaveAttribute('aria-invalid', 'true');
    const describedBy = (await slow.getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain(await error.getAttribute('id'));

    const fee = page.locator('input[name="feeBps"]');
    await fee.fill('1e');
    await expect(page.getByText('must be a number; got "1e"')).toBeVisible();

    await page.getByRole('button', { name: 'Run backtest' }).click();
    await expect(page.getByText('2 fields need attention before this can run.')).toBeVisible();
    await expect(page.getByTestId('backtest-results')).toHaveCount(0);
    await screenshot(page, 'field-error');

    await slow.fill('60');
    await fee.fill('10');
    await expect(slow).not.toHaveAttribute('aria-invalid', 'true');
  });

  test('shows an error the API found (a symbol the demo feed does not have) next to the symbol field', async ({ page }) => {
    await page.goto('/backtest?exchange=demo&symbol=ZZZUSDT');
    await formReady(page, 'Run backtest');
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const symbol = page.locator('input[name="symbol"]');
    await expect(symbol).toHaveAttribute('aria-invalid', 'true', { timeout: 30_000 });
    const errorId = ((await symbol.getAttribute('aria-describedby')) ?? '').split(' ').find((id) => id.endsWith('-error'));
    await expect(page.locator(`[id="${errorId}"]`)).toContainText('the demo feed has no "ZZZUSDT"');
    await screenshot(page, 'field-error-server');
  });
});
