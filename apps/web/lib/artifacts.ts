/**
 * The downloads a finished run offers, decided from its stored result the
 * same way the artifact route does (packages/api/src/services/artifacts.ts),
 * so the run page never links to a file that would 404.
 */
export const ARTIFACTS = {
  'result.json': 'Full result (JSON)',
  'equity.csv': 'Equity curve (CSV)',
  'trades.csv': 'Trades (CSV)',
  'folds.csv': 'Folds (CSV)',
  'trials.csv': 'Optimizer trials (CSV)',
  'correlation.csv': 'Correlation matrix (CSV)',
} as const;

export type ArtifactName = keyof typeof ARTIFACTS;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function hasEquity(r: Json): boolean {
  return [r, r.portfolio, r.oos, r.stitched].some((c) => isObject(c) && Array.isArray(c.equity));
}

export function availableArtifacts(run: { status: string; result: unknown }): ArtifactName[] {
  if (run.status !== 'done' || !isObject(run.result)) return [];
  const r = run.result;
  const names: ArtifactName[] = ['result.json'];
  if (hasEquity(r)) names.push('equity.csv');
  if (Array.isArray(r.trades)) names.push('trades.csv');
  if (Array.isArray(r.folds)) names.push('folds.csv');
  if (Array.isArray(r.trials)) names.push('trials.csv');
  if (isObject(r.correlation)) names.push('correlation.csv');
  return names;
}

export function artifactUrl(runId: string, name: ArtifactName): string {
  return `/api/runs/${encodeURIComponent(runId)}/artifacts/${name}`;
}
