/** Test helpers shared by the market-data tests and the benchmark. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpPolicy, Sleep } from '../sources/http';
import { CANDLE_COLUMNS, emptyCandles, type Candles, type Clock } from '../types';

/** ../shared/data relative to the repository root (the real Binance candle files). */
export const SHARED_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/data');
export const hasSharedData = existsSync(join(SHARED_DATA_DIR, 'BTCUSDT-1h.csv'));

export interface SleepRecorder {
  sleep: Sleep;
  waits: number[];
}

/** Records every wait and returns at once, so retry and weight pauses cost no test time. */
export function recordingSleep(): SleepRecorder {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      waits.push(ms);
    },
  };
}

export function fixedClock(now: number): Clock & { set(t: number): void } {
  let t = now;
  return {
    now: () => t,
    set(value: number) {
      t = value;
    },
  };
}

export function testPolicy(overrides: Partial<HttpPolicy> = {}): HttpPolicy {
  return {
    fetch: (input, init) => fetch(input, init),
    clock: fixedClock(Date.parse('2026-01-01T00:00:00Z')),
    sleep: recordingSleep().sleep,
    timeoutMs: 2_000,
    retries: 2,
    retryBaseDelayMs: 1,
    maxRetryDelayMs: 4,
    maxRetryAfterMs: 60_000,
    ...overrides,
  };
}

/** A temp folder removed by the returned cleanup. */
export function tempDir(prefix = 'spark-md-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The rows of `c` whose openTime is not in `drop`. */
export function withoutBars(c: Candles, drop: readonly number[]): Candles {
  const keep: number[] = [];
  for (let i = 0; i < c.openTime.length; i++) if (!drop.includes(c.openTime[i]!)) keep.push(i);
  const out = emptyCandles(keep.length);
  keep.forEach((src, i) => {
    for (const k of CANDLE_COLUMNS) out[k][i] = c[k][src]!;
  });
  return out;
}

export function toRows(c: Candles): number[][] {
  return Array.from(c.openTime, (t, i) => [t, c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!, c.volume[i]!]);
}
