import { EngineError, describeValue } from '../errors';
import { normCdf, normInv } from './normal';

/** Euler-Mascheroni constant. */
const EULER_GAMMA = 0.5772156649015329;

export interface PsrInput {
  /** Observed Sharpe ratio per period (not annualised). */
  sharpe: number;
  /** Benchmark Sharpe ratio per period to beat (SR*). */
  benchmark: number;
  /** Number of return observations. */
  observations: number;
  /** Skewness of the returns. */
  skew: number;
  /** Kurtosis of the returns (non-excess: 3 for normal). */
  kurtosis: number;
}

/**
 * Probabilistic Sharpe Ratio (Bailey & López de Prado 2012, "The Sharpe
 * Ratio Efficient Frontier", eq. 7): the probability that the true Sharpe
 * ratio exceeds SR*, given T observations with skew g3 and kurtosis g4:
 *   PSR = Phi( (SR - SR*) * sqrt(T - 1) / sqrt(1 - g3 * SR + (g4 - 1) / 4 * SR^2) )
 * All Sharpe ratios are per period, not annualised.
 */
export function probabilisticSharpeRatio(input: PsrInput): number {
  const { sharpe, benchmark, observations, skew, kurtosis } = input;
  if (!Number.isFinite(sharpe) || !Number.isFinite(benchmark) || !Number.isFinite(skew) || !Number.isFinite(kurtosis)) {
    throw new EngineError('INVALID_CONFIG', 'sharpe', `PSR inputs must be finite numbers; got sharpe=${describeValue(sharpe)}, benchmark=${describeValue(benchmark)}, skew=${describeValue(skew)}, kurtosis=${describeValue(kurtosis)}`);
  }
  if (!Number.isInteger(observations) || observations < 2) {
    throw new EngineError('INVALID_CONFIG', 'observations', `observations must be an integer >= 2; got ${describeValue(observations)}`);
  }
  // Mathematically >= (1 - g3*SR/2)^2 >= 0 because kurtosis >= 1 + skew^2 for any distribution;
  // the floor only guards rounding.
  const v = Math.max(1 - skew * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe, 1e-12);
  return normCdf(((sharpe - benchmark) * Math.sqrt(observations - 1)) / Math.sqrt(v));
}

/**
 * Expected maximum Sharpe ratio of N independent trials whose Sharpe ratios
 * have variance V, under the null of no skill (Bailey & López de Prado 2014,
 * "The Deflated Sharpe Ratio", eq. 2, from the False Strategy theorem):
 *   SR0 = sqrt(V) * ((1 - gamma) * Phi^-1(1 - 1/N) + gamma * Phi^-1(1 - 1/(N e)))
 * with gamma the Euler-Mascheroni constant. 0 for N <= 1.
 */
export function expectedMaxSharpe(trials: number, sharpeVariance: number): number {
  if (!Number.isFinite(trials) || trials < 1) {
    throw new EngineError('INVALID_CONFIG', 'trials', `trials must be a number >= 1; got ${describeValue(trials)}`);
  }
  if (!Number.isFinite(sharpeVariance) || sharpeVariance < 0) {
    throw new EngineError('INVALID_CONFIG', 'sharpeVariance', `sharpeVariance must be a finite number >= 0; got ${describeValue(sharpeVariance)}`);
  }
  if (trials <= 1) return 0;
  return Math.sqrt(sharpeVariance) * ((1 - EULER_GAMMA) * normInv(1 - 1 / trials) + EULER_GAMMA * normInv(1 - 1 / (trials * Math.E)));
}

export interface DsrInput extends Omit<PsrInput, 'benchmark'> {
  /** Number of independent trials the chosen strategy was selected from. */
  trials: number;
  /** Variance across trials of their per-period Sharpe ratios. */
  sharpeVariance: number;
}

export interface DsrResult {
  /** Deflated Sharpe Ratio: PSR against the expected maximum Sharpe of the trials. */
  dsr: number;
  /** The deflated benchmark SR0 (per period). */
  benchmark: number;
  /** PSR against 0, for comparison. */
  psr: number;
}

/**
 * Deflated Sharpe Ratio (Bailey & López de Prado 2014): the PSR of the chosen
 * strategy against SR0 = expectedMaxSharpe(trials, sharpeVariance), which
 * corrects for selection bias under multiple testing and for non-normal returns.
 */
export function deflatedSharpeRatio(input: DsrInput): DsrResult {
  const benchmark = expectedMaxSharpe(input.trials, input.sharpeVariance);
  return {
    dsr: probabilisticSharpeRatio({ ...input, benchmark }),
    benchmark,
    psr: probabilisticSharpeRatio({ ...input, benchmark: 0 }),
  };
}
