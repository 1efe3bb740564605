import { EngineError, describeValue } from '../errors';

export interface PboResult {
  /** Probability of Backtest Overfitting: share of splits where the in-sample best ranks at or below the out-of-sample median. */
  pbo: number;
  /** Number of in-sample/out-of-sample splits evaluated: C(S, S/2). */
  combinations: number;
  /** S, the number of blocks the returns were cut into. */
  blocks: number;
  /** N, the number of candidates. */
  candidates: number;
  /** The logit lambda = ln(w / (1 - w)) of each split, w the relative out-of-sample rank of the in-sample best. */
  logits: Float64Array;
  /** Share of splits where the in-sample best had a negative out-of-sample Sharpe. */
  probabilityOfOosLoss: number;
  /** OLS slope of out-of-sample on in-sample Sharpe of the chosen candidate across splits (negative: performance degrades). */
  degradationSlope: number;
}

/**
 * Summarises bar returns into S contiguous blocks of [count, sum, sum of
 * squares] (block b holds indices [floor(b*T/S), floor((b+1)*T/S))), the form
 * pboCscv consumes, so that a candidate's T returns need not be kept.
 */
export function blockStatsFromReturns(returns: ArrayLike<number>, blocks: number): Float64Array {
  const out = new Float64Array(3 * blocks);
  const t = returns.length;
  for (let b = 0; b < blocks; b++) {
    const from = Math.floor((b * t) / blocks);
    const to = Math.floor(((b + 1) * t) / blocks);
    let s = 0;
    let s2 = 0;
    for (let k = from; k < to; k++) {
      const r = returns[k]!;
      s += r;
      s2 += r * r;
    }
    out[3 * b] = to - from;
    out[3 * b + 1] = s;
    out[3 * b + 2] = s2;
  }
  return out;
}

function sharpeOf(count: number, sum: number, sumSq: number): number {
  if (count < 2) return 0;
  const mean = sum / count;
  const v = (sumSq - sum * mean) / (count - 1);
  return v > 0 ? mean / Math.sqrt(v) : 0;
}

/**
 * Probability of Backtest Overfitting by Combinatorially Symmetric
 * Cross-Validation (Bailey, Borwein, López de Prado & Zhu 2015, "The
 * probability of backtest overfitting", J. Computational Finance):
 *
 * 1. The T x N matrix of bar returns of N candidates is cut into S even,
 *    contiguous row blocks (here given as per-block count/sum/sum of squares).
 * 2. For each of the C(S, S/2) ways to pick S/2 blocks as in-sample (IS), the
 *    rest forming the out-of-sample (OOS) set, the candidate n* with the best
 *    IS Sharpe ratio is chosen (ties: the lowest index).
 * 3. Its OOS Sharpe is ranked among all N OOS Sharpes (mid-rank for ties),
 *    w = rank / (N + 1), and lambda = ln(w / (1 - w)).
 * 4. PBO = share of splits with lambda <= 0, i.e. the IS winner did no better
 *    than the OOS median.
 *
 * Pure noise gives PBO near 0.5 or above; a genuine edge that persists out of
 * sample gives PBO near 0.
 */
export function pboCscv(blockStats: readonly Float64Array[], blocks: number): PboResult {
  if (!Number.isInteger(blocks) || blocks < 2 || blocks > 20 || blocks % 2 !== 0) {
    throw new EngineError('INVALID_CONFIG', 'blocks', `blocks (S) must be an even integer in [2, 20]; got ${describeValue(blocks)}`);
  }
  const n = blockStats.length;
  if (n < 2) {
    throw new EngineError('INSUFFICIENT_DATA', 'candidates', `PBO needs at least 2 candidates to rank; got ${n}`);
  }
  for (let c = 0; c < n; c++) {
    if (blockStats[c]!.length !== 3 * blocks) {
      throw new EngineError('INVALID_CONFIG', `blockStats[${c}]`, `blockStats[${c}] must have 3 * blocks = ${3 * blocks} values; got ${blockStats[c]!.length}`);
    }
  }
  const total = new Float64Array(3 * n);
  for (let c = 0; c < n; c++) {
    const bs = blockStats[c]!;
    for (let b = 0; b < blocks; b++) {
      total[3 * c]! += bs[3 * b]!;
      total[3 * c + 1]! += bs[3 * b + 1]!;
      total[3 * c + 2]! += bs[3 * b + 2]!;
    }
  }
  const half = blocks / 2;
  const masks: number[] = [];
  for (let m = 0; m < 1 << blocks; m++) if (popcount(m) === half) masks.push(m);
  const logits = new Float64Array(masks.length);
  const isSharpe = new Float64Array(n);
  const oosSharpe = new Float64Array(n);
  const chosenIs = new Float64Array(masks.length);
  const chosenOos = new Float64Array(masks.length);
  const members = new Int32Array(half);
  let below = 0;
  let oosLoss = 0;
  for (let k = 0; k < masks.length; k++) {
    const mask = masks[k]!;
    let j = 0;
    for (let b = 0; b < blocks; b++) if ((mask >> b) & 1) members[j++] = b;
    let best = 0;
    for (let c = 0; c < n; c++) {
      const bs = blockStats[c]!;
      let cnt = 0;
      let s = 0;
      let s2 = 0;
      for (let q = 0; q < half; q++) {
        const o = 3 * members[q]!;
        cnt += bs[o]!;
        s += bs[o + 1]!;
        s2 += bs[o + 2]!;
      }
      isSharpe[c] = sharpeOf(cnt, s, s2);
      oosSharpe[c] = sharpeOf(total[3 * c]! - cnt, total[3 * c + 1]! - s, total[3 * c + 2]! - s2);
      if (isSharpe[c]! > isSharpe[best]!) best = c;
    }
    const target = oosSharpe[best]!;
    let less = 0;
    let equal = 0;
    for (let c = 0; c < n; c++) {
      const v = oosSharpe[c]!;
      if (v < target) less++;
      else if (v === target) equal++;
    }
    const rank = less + (equal + 1) / 2;
    const w = rank / (n + 1);
    const lambda = Math.log(w / (1 - w));
    logits[k] = lambda;
    if (lambda <= 0) below++;
    if (target < 0) oosLoss++;
    chosenIs[k] = isSharpe[best]!;
    chosenOos[k] = target;
  }
  return {
    pbo: below / masks.length,
    combinations: masks.length,
    blocks,
    candidates: n,
    logits,
    probabilityOfOosLoss: oosLoss / masks.length,
    degradationSlope: olsSlope(chosenIs, chosenOos),
  };
}

function popcount(x: number): number {
  let c = 0;
  while (x !== 0) {
    x &= x - 1;
    c++;
  }
  return c;
}

function olsSlope(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    sxy += dx * (y[i]! - my);
    sxx += dx * dx;
  }
  return sxx > 0 ? sxy / sxx : 0;
}
