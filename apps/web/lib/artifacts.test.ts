import { describe, expect, it } from 'vitest';
// The artifact route's own rule, as the oracle: the run page must offer exactly what the route serves.
import { availableArtifacts as serverArtifacts } from '../../../packages/api/src/services/artifacts';
import { artifactUrl, availableArtifacts } from './artifacts';

const results: Record<string, unknown> = {
  run: { equity: [[1, 2]], drawdown: [[1, 0]], trades: [] },
  walkforwardSimple: { kind: 'simple', equity: [[1, 2]] },
  walkforwardFolds: { kind: 'folds', folds: [], oos: { equity: [], trades: [] }, trials: [] },
  portfolio: { equity: [], correlation: { symbols: [], matrix: [] }, perSymbol: [] },
  optimize: { trials: [], leaderboard: [] },
  empty: {},
};

describe('availableArtifacts', () => {
  it.each(Object.entries(results))('offers what the artifact route serves for a %s result', (_, result) => {
    const run = { status: 'done' as const, result };
    expect(availableArtifacts(run)).toEqual(serverArtifacts(run as never));
  });

  it('offers nothing for unfinished or failed runs', () => {
    expect(availableArtifacts({ status: 'running', result: null })).toEqual([]);
    expect(availableArtifacts({ status: 'failed', result: { trades: [] } })).toEqual([]);
  });

  it('builds the download URL', () => {
    expect(artifactUrl('bt-20240101T000000Z-0123456789', 'trades.csv')).toBe('/api/runs/bt-20240101T000000Z-0123456789/artifacts/trades.csv');
  });
});
