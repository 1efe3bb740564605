import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { candlesFromRows, sliceCandles, type Candles } from '../candles';

/**
 * Real Binance candles for tests live outside the repository, at
 * `../shared/data` relative to the repo root (see /work/shared/data/README.md).
 * Test-only module: not exported from the package.
 */
export const realDataDir = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));

export function hasRealData(...files: string[]): boolean {
  return files.every((f) => existsSync(`${realDataDir}${f}`));
}

export function missingDataMessage(...files: string[]): string {
  return `real candles ${files.join(', ')} not found in ${realDataDir} (repo root/../shared/data); skipping the real-data tests`;
}

const cache = new Map<string, Candles>();

/** Loads `open_time,open,high,low,close,volume` CSV candles, optionally only the first `limit` bars. */
export function loadCandles(file: string, limit?: number): Candles {
  let all = cache.get(file);
  if (all === undefined) {
    const text = readFileSync(`${realDataDir}${file}`, 'utf8');
    const rows = text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').map(Number));
    all = candlesFromRows(rows);
    cache.set(file, all);
  }
  if (limit === undefined || limit >= all.close.length) return all;
  const s = sliceCandles(all, 0, limit);
  // A copy, so that tests holding it cannot be affected by (or affect) other slices.
  return {
    openTime: s.openTime.slice(),
    open: s.open.slice(),
    high: s.high.slice(),
    low: s.low.slice(),
    close: s.close.slice(),
    volume: s.volume.slice(),
  };
}
