// Phone-width screenshots in segments (readable at full size), for local review.
import { chromium } from '@playwright/test';
const [,, path, prefix, action = ''] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(`http://127.0.0.1:3311${path}`);
await page.waitForTimeout(2000);
if (action === 'run') { await page.locator('button[type=submit]').click(); await page.waitForTimeout(5000); }
await page.evaluate(() => window.scrollTo(0, 0));
const h = await page.evaluate(() => document.documentElement.scrollHeight);
console.log('height', h, 'overflow', await page.evaluate(() => document.documentElement.scrollWidth - innerWidth));
for (let y = 0, i = 0; y < h && i < 6; y += 1100, i++) {
  await page.screenshot({ path: `${prefix}-${i}.png`, fullPage: true, clip: { x: 0, y, width: 390, height: Math.min(1100, h - y) } });
}
await browser.close();
