import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { hasRealData, loadCandles, missingDataMessage } from '../testing/real-data';
import { geneticSearch } from './genetic';
import { gridSearch } from './grid';
import { tpeSearch } from './tpe';
import type { OptimizerResult } from './types';

const FILE = 'BTCUSDT-1h.csv';
const SEEDS = Array.from({ length: 10 }, (_, k) => k + 1);
const grid = { emaFast: { min: 5, max: 50, step: 5 }, emaSlow: { min: 20, max: 200, step: 20 }, atrMult: [1, 1.5, 2, 2.5, 3] };

/**
 * The claim under test: on real candles, a model-based search reaches the
 * quality of the grid's top 5 with a tenth of its evaluations. "Reaches" means
 * its best score is at least the grid's 5th best. Every seed is reported, and
 * uniform random search with the same budget is the baseline to beat.
 */
describe.skipIf(!hasRealData(FILE))('smarter search on BTCUSDT 1h (4 years, 35,063 bars)', () => {
  let full: OptimizerResult;
  let fifth = 0;
  let budget = 0;

  it('grid search: 450 valid combinations of a 10 x 10 x 5 grid', async () => {
    full = await gridSearch(loadCandles(FILE), { timeframe: '1h', grid });
    expect(full.combinations).toBe(450);
    fifth = full.leaderboard[4]!.score;
    budget = Math.round(full.combinations / 10);
    expect(budget).toBe(45);
  });

  it('uniform random search with the same budget reaches the top 5 in under half of the seeds', () => {
    let hits = 0;
    const runs = 400;
    for (let seed = 1; seed <= runs; seed++) {
      const rng = createRng(seed);
      const picked = new Set<number>();
      while (picked.size < budget) picked.add(rng.int(full.trials.length));
      if ([...picked].some((i) => full.trials[i]!.score >= fifth)) hits++;
    }
    // Exact probability: 1 - C(445, 45) / C(450, 45) = 0.41.
    expect(hits / runs).toBeGreaterThan(0.33);
    expect(hits / runs).toBeLessThan(0.5);
  });

  it('TPE reaches the grid top-5 score with 45 evaluations (10x fewer) in at least 8 of 10 seeds', async () => {
    const c = loadCandles(FILE);
    const scores: number[] = [];
    for (const seed of SEEDS) scores.push((await tpeSearch(c, { timeframe: '1h', grid, budget, seed })).best.score);
    const hits = scores.filter((s) => s >= fifth).length;
    expect(hits, `best scores ${scores.map((s) => s.toFixed(3)).join(', ')} vs grid 5th ${fifth.toFixed(3)}`).toBeGreaterThanOrEqual(8);
  });

  // Over 40 seeds (three grids) the genetic search hits the top 5 about 3 times in 4 with a tenth
  // of the grid and 19 times in 20 with a fifth; TPE about 9 in 10 with a tenth. The thresholds
  // sit below those rates so that only a real loss of search quality fails the test.
  it('the genetic search reaches the grid top-5 score with 45 evaluations in at least 6 of 10 seeds', async () => {
    const c = loadCandles(FILE);
    const scores: number[] = [];
    for (const seed of SEEDS) scores.push((await geneticSearch(c, { timeframe: '1h', grid, budget, seed })).best.score);
    const hits = scores.filter((s) => s >= fifth).length;
    expect(hits, `best scores ${scores.map((s) => s.toFixed(3)).join(', ')} vs grid 5th ${fifth.toFixed(3)}`).toBeGreaterThanOrEqual(6);
  });

  it('the genetic search reaches the grid top-5 score with 90 evaluations (5x fewer) in at least 9 of 10 seeds', async () => {
    const c = loadCandles(FILE);
    const scores: number[] = [];
    for (const seed of SEEDS) scores.push((await geneticSearch(c, { timeframe: '1h', grid, budget: 2 * budget, seed })).best.score);
    const hits = scores.filter((s) => s >= fifth).length;
    expect(hits, `best scores ${scores.map((s) => s.toFixed(3)).join(', ')} vs grid 5th ${fifth.toFixed(3)}`).toBeGreaterThanOrEqual(9);
  });
});

if (!hasRealData(FILE)) {
  describe('smarter search on real data', () => {
    it.skip(missingDataMessage(FILE), () => {});
  });
}
