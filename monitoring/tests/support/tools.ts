/**
 * Prerequisites of the tests that drive real tools (promtool, prometheus, the built app):
 * locally a missing one skips those tests with the reason in their title; in CI, which
 * installs and builds everything first, it fails them, so a skip cannot hide a problem.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { repoRoot } from '../../src/paths';
import { readTestEnv } from './env';

const env = readTestEnv();

export const promtoolPath = () => env.promtool;
export const prometheusPath = () => env.prometheus;

function executableMissing(path: string, what: string): string | undefined {
  try {
    accessSync(path, constants.X_OK);
    return undefined;
  } catch {
    return `${what} not found at ${path} (Debian package "prometheus"; set ${what === 'promtool' ? 'PROMTOOL_PATH' : 'PROMETHEUS_PATH'} for another location)`;
  }
}

export const promtoolMissing = () => executableMissing(env.promtool, 'promtool');
export const prometheusMissing = () => executableMissing(env.prometheus, 'prometheus');

export const buildIdPath = join(repoRoot, 'apps/web/.next/BUILD_ID');
export function appBuildMissing(): string | undefined {
  return existsSync(buildIdPath) ? undefined : 'the app is not built (apps/web/.next/BUILD_ID is missing): run `pnpm build` at the repository root';
}

/** The first missing prerequisite of a list, if any. */
export function firstMissing(...checks: (() => string | undefined)[]): string | undefined {
  for (const check of checks) {
    const missing = check();
    if (missing) return missing;
  }
  return undefined;
}

/** describe() that skips (locally) or fails (in CI) when a prerequisite is missing. */
export function describeWithTool(title: string, missing: string | undefined, body: () => void): void {
  if (!missing) {
    describe(title, body);
    return;
  }
  if (env.ci) {
    describe(title, () => {
      it('has its prerequisites (CI installs and builds them, so they must be present)', () => {
        throw new Error(`${missing}. In CI this is a failure, not a skip.`);
      });
    });
    return;
  }
  describe.skip(`${title} [skipped: ${missing}]`, body);
}
