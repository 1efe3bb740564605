import { EngineError, describeValue } from '../errors';
import { assertSeed, createRng } from '../random';
import { percentileSorted } from './moments';

export interface Percentiles {
  p5: number;
  p50: number;
  p95: number;
}

export interface MonteCarloResult {
  samples: number;
  /** Trades per resampled sequence (the number of observed trades). */
  trades: number;
  seed: number;
  /** Distribution of the compounded return of a resampled sequence. */
  finalReturn: Percentiles;
  /** Distribution of the max drawdown (negative fraction) along a resampled sequence, trade by trade. */
  maxDrawdown: Percentiles;
  /** Share of sequences that end below the starting equity. */
  probabilityOfLoss: number;
}

export interface MonteCarloOptions {
  /** Resampled sequences; default 1000. */
  samples?: number;
  /** Seed of the bootstrap; default 1. */
  seed?: number;
}

export const MAX_MONTE_CARLO_SAMPLES = 100_000;

/**
 * Bootstrap of the trade sequence: each sample draws as many trades as were
 * observed, with replacement, from the fractional trade returns and compounds
 * them (equity *= 1 + r; the engine sizes all-in, so this is the account
 * path). Reports the 5th/50th/95th percentiles (type-7 interpolation) of the
 * final return and of the max drawdown measured after each trade. A trade
 * return <= -1 wipes the account out: equity stays at 0.
 */
export function monteCarloTrades(tradeReturns: ArrayLike<number>, options: MonteCarloOptions = {}): MonteCarloResult {
  const samples = options.samples ?? 1000;
  const seed = assertSeed(options.seed ?? 1, 'monteCarlo.seed');
  if (!Number.isInteger(samples) || samples < 1 || samples > MAX_MONTE_CARLO_SAMPLES) {
    throw new EngineError('INVALID_CONFIG', 'monteCarlo.samples', `monteCarlo.samples must be an integer in [1, ${MAX_MONTE_CARLO_SAMPLES}]; got ${describeValue(samples)}`);
  }
  const m = tradeReturns.length;
  for (let i = 0; i < m; i++) {
    if (!Number.isFinite(tradeReturns[i]!)) {
      throw new EngineError('INVALID_CONFIG', `tradeReturns[${i}]`, `tradeReturns[${i}] must be finite; got ${describeValue(tradeReturns[i])}`);
    }
  }
  const finals = new Float64Array(samples);
  const dds = new Float64Array(samples);
  if (m > 0) {
    const rng = createRng(seed);
    for (let s = 0; s < samples; s++) {
      let e = 1;
      let peak = 1;
      let mdd = 0;
      for (let k = 0; k < m; k++) {
        const r = tradeReturns[rng.int(m)]!;
        e = r <= -1 ? 0 : e * (1 + r);
        if (e > peak) peak = e;
        const dd = e / peak - 1;
        if (dd < mdd) mdd = dd;
      }
      finals[s] = e - 1;
      dds[s] = mdd;
    }
  }
  let losses = 0;
  for (let s = 0; s < samples; s++) if (finals[s]! < 0) losses++;
  finals.sort();
  dds.sort();
  return {
    samples,
    trades: m,
    seed,
    finalReturn: { p5: percentileSorted(finals, 0.05), p50: percentileSorted(finals, 0.5), p95: percentileSorted(finals, 0.95) },
    maxDrawdown: { p5: percentileSorted(dds, 0.05), p50: percentileSorted(dds, 0.5), p95: percentileSorted(dds, 0.95) },
    probabilityOfLoss: losses / samples,
  };
}
