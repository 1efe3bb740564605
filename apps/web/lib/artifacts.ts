/** Labels of the downloads a run can offer; `runs.byId` lists the ones a given run has. */
export const ARTIFACTS = {
  'result.json': 'Full result (JSON)',
  'equity.csv': 'Equity curve (CSV)',
  'trades.csv': 'Trades (CSV)',
  'folds.csv': 'Folds (CSV)',
  'trials.csv': 'Optimizer trials (CSV)',
  'correlation.csv': 'Correlation matrix (CSV)',
} as const;

export type ArtifactName = keyof typeof ARTIFACTS;

export function isArtifactName(name: string): name is ArtifactName {
  return Object.prototype.hasOwnProperty.call(ARTIFACTS, name);
}

export function artifactUrl(runId: string, name: ArtifactName): string {
  return `/api/runs/${encodeURIComponent(runId)}/artifacts/${name}`;
}
