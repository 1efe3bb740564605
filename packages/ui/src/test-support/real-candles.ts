/**
 * Real Binance candles from the shared data folder (`../shared/data` relative
 * to the repo root), for tests and benches. Never imported by components.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CandleColumns } from '../types';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const SHARED_DATA_DIR = resolve(repoRoot, '../shared/data');

export function sharedDataPath(file: string): string {
  return resolve(SHARED_DATA_DIR, file);
}

export function hasSharedData(file: string): boolean {
  return existsSync(sharedDataPath(file));
}

export const missingDataMessage = (file: string) =>
  `skipped: ${sharedDataPath(file)} is absent (real candles live in ../shared/data relative to the repo root)`;

/** Reads `open_time,open,high,low,close,volume` rows into columns; `limit` keeps the first rows only. */
export function readCandleCsv(file: string, limit = Infinity): CandleColumns & { volume: Float64Array } {
  const lines = readFileSync(sharedDataPath(file), 'utf8').split('\n');
  const header = lines[0]?.trim();
  if (header !== 'open_time,open,high,low,close,volume') throw new Error(`${file}: unexpected header ${header}`);
  const rows = lines.slice(1).filter((l) => l.trim() !== '');
  const n = Math.min(rows.length, limit);
  const cols = {
    openTime: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const parts = rows[i]!.split(',');
    cols.openTime[i] = Number(parts[0]);
    cols.open[i] = Number(parts[1]);
    cols.high[i] = Number(parts[2]);
    cols.low[i] = Number(parts[3]);
    cols.close[i] = Number(parts[4]);
    cols.volume[i] = Number(parts[5]);
  }
  return cols;
}

/**
 * For the body of a `describe.skipIf(!hasSharedData(file))`: vitest still runs
 * a skipped describe's body to collect its tests, so the read must not throw
 * when the file is absent. Returns empty columns then; the tests never run.
 */
export function readCandleCsvIfPresent(file: string, limit = Infinity): CandleColumns & { volume: Float64Array } {
  if (hasSharedData(file)) return readCandleCsv(file, limit);
  return { openTime: new Float64Array(0), open: new Float64Array(0), high: new Float64Array(0), low: new Float64Array(0), close: new Float64Array(0), volume: new Float64Array(0) };
}
