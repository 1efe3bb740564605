import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

export const e2eRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(e2eRoot, '..');
export const screenshotDir = join(e2eRoot, 'test-results', 'screenshots');

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run the specs through playwright.config.ts');
  return url;
}

export function adminToken(): string {
  const token = process.env.E2E_ADMIN_TOKEN;
  if (!token) throw new Error('E2E_ADMIN_TOKEN is not set: run the specs through playwright.config.ts');
  return token;
}

/** Calls the REST surface with the admin token; fails the test with the server's own message. */
async function adminCall(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${baseUrl()}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} /api${path} answered ${res.status}: ${text}`);
  return JSON.parse(text);
}

/** A fresh trader API key, minted through the admin REST API. */
export async function mintTraderKey(name: string): Promise<string> {
  const created = (await adminCall('POST', '/keys', { name, role: 'trader' })) as { token: string };
  return created.token;
}

export async function setFlag(key: 'run' | 'walkforward' | 'portfolio' | 'optimize', mode: 'real' | 'mock'): Promise<void> {
  await adminCall('POST', '/flags', { key, mode });
}

/** Puts an API key where the shell keeps it, before any page script runs. */
export async function useApiKey(page: Page, token: string): Promise<void> {
  await page.addInitScript((value) => window.localStorage.setItem('spark.apiKey', value), token);
}

/** Fails on uncaught page errors: a journey that "passes" over a crashed component proves nothing. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** A full-page screenshot from the top (the sticky header otherwise lands mid-page). */
export async function screenshot(page: Page, name: string, dir = screenshotDir): Promise<string> {
  mkdirSync(dir, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Waits until the strategy registry has loaded and the form can be submitted. */
export async function formReady(page: Page, submitName: RegExp | string): Promise<void> {
  await expect(page.getByRole('button', { name: submitName })).toBeEnabled();
}
