import { listFeatureFlags, seedFeatureFlags, setFeatureFlag, type Database, type ProcedureMode } from '@spark/db';
import { procedureKeys, type ProcedureKey } from '../procedure-keys';

export type ProcedureModes = Record<ProcedureKey, ProcedureMode>;

/**
 * The effective mode of every procedure: the stored flag, `real` where no row
 * exists, and `mock` for all when safe mode is on. Read on every request so a
 * flag change takes effect without a restart.
 */
export async function readProcedureModes(db: Database, safeMode: boolean): Promise<ProcedureModes> {
  const modes = Object.fromEntries(procedureKeys.map((k) => [k, 'real'])) as ProcedureModes;
  for (const row of await listFeatureFlags(db)) {
    if (row.key in modes) modes[row.key as ProcedureKey] = row.mode;
  }
  if (safeMode) for (const key of procedureKeys) modes[key] = 'mock';
  return modes;
}

/** `full-real`, `full-mock`, or `hybrid (real: run, portfolio)`. */
export function describeMode(modes: ProcedureModes): string {
  const real = procedureKeys.filter((k) => modes[k] === 'real');
  if (real.length === procedureKeys.length) return 'full-real';
  if (real.length === 0) return 'full-mock';
  return `hybrid (real: ${real.join(', ')})`;
}

/**
 * Applies the boot defaults. With REAL_ROUTES set, the operator's deploy-time
 * choice is written for every key; unset, missing keys are seeded `real` and
 * choices made at run time through `flags.set` survive the restart.
 */
export async function applyBootFlags(db: Database, realRoutes: ProcedureKey[] | undefined): Promise<void> {
  if (realRoutes === undefined) {
    await seedFeatureFlags(db, Object.fromEntries(procedureKeys.map((k) => [k, 'real' as const])));
    return;
  }
  for (const key of procedureKeys) {
    await setFeatureFlag(db, key, realRoutes.includes(key) ? 'real' : 'mock', 'boot:REAL_ROUTES');
  }
}

/**
 * The implementation a procedure key serves now, by its flag (safe mode forces
 * mock). Used by the flag middleware for fixed procedures and by runs.start for
 * the kind a job names.
 */
export async function selectImplementation(
  deps: Pick<import('../context').ApiDeps, 'database' | 'config' | 'metrics' | 'implementations'>,
  key: ProcedureKey,
): Promise<{ impl: import('./implementations/types').BacktestImplementation; mock: boolean }> {
  const modes = await readProcedureModes(deps.database.db, deps.config.safeMode);
  publishModes(deps.metrics, modes);
  const mock = modes[key] === 'mock';
  if (mock) deps.metrics.mockResponses.inc({ procedure: key });
  return { impl: deps.implementations[mock ? 'mock' : 'real'], mock };
}

/** Sets the spark_backtest_procedure_mode gauge from the effective modes. */
export function publishModes(metrics: import('../metrics/registry').SparkMetrics, modes: ProcedureModes): void {
  for (const key of procedureKeys) {
    metrics.procedureMode.set({ procedure: key, mode: 'real' }, modes[key] === 'real' ? 1 : 0);
    metrics.procedureMode.set({ procedure: key, mode: 'mock' }, modes[key] === 'mock' ? 1 : 0);
  }
}
