import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** monitoring/ in the checkout. */
export const monitoringRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The repository root. */
export const repoRoot = join(monitoringRoot, '..');
export const prometheusDir = join(monitoringRoot, 'prometheus');
export const grafanaDir = join(monitoringRoot, 'grafana');
export const runbookPath = join(monitoringRoot, 'runbook.md');
