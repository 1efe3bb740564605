// Ad-hoc screenshot helper for local iteration (not part of the suite).
import { chromium } from '@playwright/test';
const [,, path, out, action = '', width = '1280', key = ''] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 800 } });
page.on('console', (m) => { if (m.type() === 'error') console.log('console:', m.text()); });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
if (key) await page.addInitScript((k) => localStorage.setItem('spark.apiKey', k), key);
await page.goto(`http://127.0.0.1:3311${path}`);
await page.waitForLoadState('load'); await page.waitForTimeout(1500);
if (action) {
  try {
  for (const step of action.split(';')) {
    const [verb, ...rest] = step.split('=');
    const arg = rest.join('=');
    if (verb === 'click') await page.getByRole('button', { name: arg }).first().click();
    if (verb === 'wait') await page.waitForTimeout(Number(arg));
    if (verb === 'waitfor') await page.getByTestId(arg).first().waitFor({ timeout: 20000 });
    if (verb === 'fill') { const [label, value] = arg.split(':'); await page.getByLabel(label, { exact: false }).first().fill(value); }
  }
  } catch (e) { console.log('step failed:', e.message.split('\n')[0]); }
}
await page.waitForTimeout(500);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
