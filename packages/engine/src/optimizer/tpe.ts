import type { Candles } from '../candles';
import { EngineError, describeValue } from '../errors';
import { assertSeed, createRng, type Rng } from '../random';
import { normCdf, normInv } from '../stats/normal';
import { createLocalEvaluator, defaultNow } from './evaluate';
import { positiveInt, prepareSearch } from './prepare';
import { buildResult, ProgressTracker, trialOf, windowOf, type SearchRuntime } from './run';
import { ComboSampler } from './sampling';
import type { SearchSpace } from './space';
import type { OptimizerResult, TpeSearchOptions, TrialLog } from './types';

const MAX_BUDGET = 100_000;
/** Optuna's bandwidth magnitude for the multivariate Parzen estimator (Falkner et al. 2018 / Optuna's TPESampler). */
const SIGMA0 = 0.2;
const MIN_SIGMA = 0.5;
const PRIOR_WEIGHT = 1;

interface Observation {
  idx: Int32Array;
  score: number;
  order: number;
}

/**
 * Tree-structured Parzen Estimator search (Bergstra, Bardenet, Bengio & Kégl
 * 2011, "Algorithms for Hyper-Parameter Optimization"), in the multivariate
 * form Optuna uses (Falkner et al. 2018):
 *
 * 1. `startupTrials` combinations are drawn uniformly at random.
 * 2. Then at each step the trials so far are split into the best
 *    n_good = min(ceil(0.1 n), 25) by score and the rest. Two densities are
 *    fitted over the discrete space: l(x) from the good trials, g(x) from the
 *    rest, each a mixture of a uniform prior and one product kernel per trial
 *    (a truncated, discretised Gaussian on each numeric parameter's value
 *    index with bandwidth max(0.2 * n^(-1/(d+4)) * K, 0.5); on enum
 *    parameters a kernel with mass (K+1)/(2K) on the trial's option).
 * 3. `candidates` combinations are drawn from l, and the valid, not yet
 *    evaluated one maximising l(x) / g(x) (the expected-improvement proxy) is
 *    evaluated next.
 *
 * Every random choice comes from the seeded generator: the same inputs and
 * seed give the same trials.
 */
export function tpeSearch(candles: Candles, options: TpeSearchOptions): Promise<OptimizerResult> {
  return tpeSearchWith(candles, options, {});
}

export async function tpeSearchWith(candles: Candles, options: TpeSearchOptions, runtime: SearchRuntime): Promise<OptimizerResult> {
  const { start, end } = windowOf(candles, runtime);
  const prep = prepareSearch(candles, options, runtime.validate ?? true, end - start);
  const budgetIn = assertBudget(options.budget);
  const seed = assertSeed(options.seed ?? 1, 'seed');
  const nCandidates = positiveInt(options.candidates, 'candidates', 24, 1000);
  const { space, valid, costs, objective } = prep;
  const budget = Math.min(budgetIn, valid.length);
  const startup = Math.min(positiveInt(options.startupTrials, 'startupTrials', Math.min(10, budget), MAX_BUDGET), budget);
  const now = options.now ?? defaultNow;
  const ev = runtime.evaluator ?? createLocalEvaluator(candles, costs, now);
  const rng = createRng(seed);
  const sampler = new ComboSampler(space, valid);
  const progress = new ProgressTracker(budget, options.onProgress);
  const observations: Observation[] = [];
  const trials: TrialLog[] = [];
  const idx = new Int32Array(space.dimensions);

  for (let t = 0; t < budget; t++) {
    if (options.signal?.aborted) throw new EngineError('CANCELLED', 'signal', `TPE search was cancelled after ${t} of ${budget} evaluations`);
    const combo = t < startup ? sampler.randomFresh(rng) : suggest(space, sampler, observations, rng, nCandidates);
    sampler.markSeen(combo);
    const params = space.params(combo);
    const [outcome] = await ev.evaluate(
      { strategy: prep.strategy.name, costs, start, end, objective, blocks: 0, params: [params] },
      options.signal,
    );
    trials.push(trialOf(t, params, outcome!, runtime.fold));
    observations.push({ idx: Int32Array.from(space.decode(combo, idx)), score: outcome!.score, order: t });
    progress.report(t + 1, [outcome!]);
  }
  return buildResult('tpe', objective, valid.length, space.size - valid.length, trials, prep.top);
}

/** Per-dimension kernel of one mixture component. */
interface Component {
  /** Centre index per dimension, or -1 for the uniform prior. */
  centre: Int32Array | null;
}

class ParzenMixture {
  private readonly sigma: Float64Array;
  private readonly norm: Float64Array[];

  constructor(
    private readonly card: Int32Array,
    private readonly categorical: boolean[],
    readonly components: Component[],
    readonly observations: number,
  ) {
    const d = card.length;
    this.sigma = new Float64Array(d);
    const n = Math.max(observations, 1);
    for (let k = 0; k < d; k++) this.sigma[k] = Math.max(SIGMA0 * Math.pow(n, -1 / (d + 4)) * card[k]!, MIN_SIGMA);
    // Truncation mass of each component's Gaussian on [-0.5, K - 0.5], per dimension.
    this.norm = components.map((c) => {
      const z = new Float64Array(d);
      for (let k = 0; k < d; k++) {
        if (c.centre === null || categorical[k]) continue;
        const mu = c.centre[k]!;
        const s = this.sigma[k]!;
        z[k] = normCdf((card[k]! - 0.5 - mu) / s) - normCdf((-0.5 - mu) / s);
      }
      return z;
    });
  }

  private weight(j: number): number {
    return this.components[j]!.centre === null ? PRIOR_WEIGHT : 1;
  }

  /** Draws one index vector: pick a component by weight, then each dimension from its kernel. */
  sample(rng: Rng, out: Int32Array): void {
    let total = 0;
    for (let j = 0; j < this.components.length; j++) total += this.weight(j);
    let u = rng.next() * total;
    let j = 0;
    for (; j < this.components.length - 1; j++) {
      u -= this.weight(j);
      if (u < 0) break;
    }
    const c = this.components[j]!;
    for (let k = 0; k < this.card.length; k++) {
      const K = this.card[k]!;
      if (c.centre === null) {
        out[k] = rng.int(K);
      } else if (this.categorical[k]) {
        // Keep the trial's option with probability `own`, else redraw uniformly (which can land on it
        // again): P(own option) = own + (1 - own) / K, exactly the mass logProb assigns.
        const own = (K + 1) / (2 * K);
        out[k] = rng.next() < own ? c.centre[k]! : rng.int(K);
      } else {
        const mu = c.centre[k]!;
        const s = this.sigma[k]!;
        const lo = normCdf((-0.5 - mu) / s);
        const hi = normCdf((K - 0.5 - mu) / s);
        const x = mu + s * normInv(lo + rng.next() * (hi - lo));
        const r = Math.round(x);
        out[k] = r < 0 ? 0 : r > K - 1 ? K - 1 : r;
      }
    }
  }

  /** log of the mixture's probability mass at index vector x. */
  logProb(x: Int32Array): number {
    let total = 0;
    let maxLog = -Infinity;
    const logs = new Float64Array(this.components.length);
    for (let j = 0; j < this.components.length; j++) {
      const c = this.components[j]!;
      const w = this.weight(j);
      total += w;
      let lp = Math.log(w);
      for (let k = 0; k < this.card.length; k++) {
        const K = this.card[k]!;
        let p: number;
        if (c.centre === null) p = 1 / K;
        else if (this.categorical[k]) {
          const own = (K + 1) / (2 * K);
          p = (x[k] === c.centre[k] ? own : 0) + (1 - own) / K;
        } else {
          const mu = c.centre[k]!;
          const s = this.sigma[k]!;
          p = (normCdf((x[k]! + 0.5 - mu) / s) - normCdf((x[k]! - 0.5 - mu) / s)) / this.norm[j]![k]!;
        }
        lp += Math.log(p > 1e-300 ? p : 1e-300);
      }
      logs[j] = lp;
      if (lp > maxLog) maxLog = lp;
    }
    let s = 0;
    for (let j = 0; j < logs.length; j++) s += Math.exp(logs[j]! - maxLog);
    return maxLog + Math.log(s) - Math.log(total);
  }
}

function mixture(space: SearchSpace, obs: readonly Observation[]): ParzenMixture {
  const categorical = space.specs.map((s) => s.type === 'enum');
  const components: Component[] = [{ centre: null }, ...obs.map((o) => ({ centre: o.idx }))];
  return new ParzenMixture(space.cardinalities, categorical, components, obs.length);
}

function suggest(space: SearchSpace, sampler: ComboSampler, observations: readonly Observation[], rng: Rng, nCandidates: number): number {
  const sorted = [...observations].sort((a, b) => b.score - a.score || a.order - b.order);
  const nGood = Math.max(1, Math.min(Math.ceil(0.1 * sorted.length), 25));
  const good = mixture(space, sorted.slice(0, nGood));
  const bad = mixture(space, sorted.slice(nGood));
  const x = new Int32Array(space.dimensions);
  let bestCombo = -1;
  let bestScore = -Infinity;
  for (let round = 0; round < 20 && bestCombo < 0; round++) {
    for (let c = 0; c < nCandidates; c++) {
      good.sample(rng, x);
      const combo = space.encode(x);
      if (!sampler.isFresh(combo)) continue;
      const ei = good.logProb(x) - bad.logProb(x);
      if (ei > bestScore) {
        bestScore = ei;
        bestCombo = combo;
      }
    }
  }
  return bestCombo >= 0 ? bestCombo : sampler.randomFresh(rng);
}

export function assertBudget(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_BUDGET) {
    throw new EngineError('INVALID_CONFIG', 'budget', `budget must be an integer in [1, ${MAX_BUDGET}]; got ${describeValue(value)}`);
  }
  return value;
}
