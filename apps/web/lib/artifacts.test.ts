import { describe, expect, it } from 'vitest';
import { artifactNames } from '../../../packages/api/src/services/artifacts';
import { ARTIFACTS, artifactUrl, isArtifactName } from './artifacts';

describe('artifacts', () => {
  it('labels every artifact the server can serve, and only those', () => {
    expect(Object.keys(ARTIFACTS).sort()).toEqual([...artifactNames].sort());
    expect(isArtifactName('trades.csv')).toBe(true);
    expect(isArtifactName('secrets.txt')).toBe(false);
  });

  it('builds the download URL', () => {
    expect(artifactUrl('bt-20240101T000000Z-0123456789', 'trades.csv')).toBe('/api/runs/bt-20240101T000000Z-0123456789/artifacts/trades.csv');
  });
});
