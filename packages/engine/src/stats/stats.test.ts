import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { averageOffDiagonal, correlationMatrix, pearson } from './correlation';
import { moments, percentileSorted } from './moments';
import { monteCarloTrades } from './monte-carlo';
import { normCdf, normInv } from './normal';
import { blockStatsFromReturns, pboCscv } from './pbo';
import { deflatedSharpeRatio, expectedMaxSharpe, probabilisticSharpeRatio } from './sharpe';

describe('normal distribution', () => {
  // Reference values: Phi(x) = erfc(-x / sqrt 2) / 2 (Abramowitz & Stegun table 26.1).
  it.each([
    [-3, 0.0013498980316300957],
    [-1.96, 0.024997895148220435],
    [0, 0.5],
    [1, 0.8413447460685429],
    [1.96, 0.9750021048517795],
    [5, 0.9999997133484281],
  ])('Phi(%d) = %d to 1e-14', (x, p) => {
    expect(Math.abs(normCdf(x) - p)).toBeLessThan(1e-14);
  });

  it('inverts Phi: the 97.5% and 99% quantiles are 1.959963984540054 and 2.3263478740408408', () => {
    expect(normInv(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normInv(0.99)).toBeCloseTo(2.3263478740408408, 13);
    expect(normInv(0.5)).toBe(0);
  });

  test.prop([fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true })])('Phi(Phi^-1(p)) = p', (p) => {
    expect(Math.abs(normCdf(normInv(p)) - p)).toBeLessThan(1e-13);
  });
});

describe('moments and percentiles', () => {
  it('computes population skewness and non-excess kurtosis (hand-worked on 1, 2, 3, 10)', () => {
    // mean 4; deviations -3, -2, -1, 6; m2 = 50/4 = 12.5; m3 = (-27-8-1+216)/4 = 45; m4 = (81+16+1+1296)/4 = 348.5.
    const m = moments([1, 2, 3, 10]);
    expect(m.mean).toBe(4);
    expect(m.stdev).toBeCloseTo(Math.sqrt(50 / 3), 14);
    expect(m.skew).toBeCloseTo(45 / 12.5 ** 1.5, 14);
    expect(m.kurtosis).toBeCloseTo(348.5 / 12.5 ** 2, 14);
  });

  it('interpolates percentiles linearly between order statistics (numpy default)', () => {
    const s = [1, 2, 3, 4];
    expect(percentileSorted(s, 0.5)).toBe(2.5);
    expect(percentileSorted(s, 0.05)).toBeCloseTo(1.15, 14);
    expect(percentileSorted(s, 1)).toBe(4);
  });
});

describe('Probabilistic and Deflated Sharpe Ratio', () => {
  it('PSR reduces to Phi((SR - SR*) sqrt(T-1) / sqrt(1 + SR^2/2)) for normal returns (hand-worked)', () => {
    const sr = 0.1;
    const expected = normCdf((0.1 * Math.sqrt(99)) / Math.sqrt(1 + 0.005));
    expect(probabilisticSharpeRatio({ sharpe: sr, benchmark: 0, observations: 100, skew: 0, kurtosis: 3 })).toBeCloseTo(expected, 14);
  });

  it("reproduces the Deflated Sharpe Ratio paper's numerical example: SR0 = 0.1132, DSR = 0.9004", () => {
    // Bailey & López de Prado (2014), section on a numerical example: N = 100 trials, annualised
    // V[SR] = 1/2, 5 years of daily returns (T = 1250, 250 days a year), annualised SR 2.5,
    // skewness -3 and kurtosis 10.
    const sr0 = expectedMaxSharpe(100, 0.5 / 250);
    expect(sr0).toBeCloseTo(0.1132, 4);
    const r = deflatedSharpeRatio({ sharpe: 2.5 / Math.sqrt(250), observations: 1250, skew: -3, kurtosis: 10, trials: 100, sharpeVariance: 0.5 / 250 });
    expect(r.benchmark).toBeCloseTo(0.1132, 4);
    expect(r.dsr).toBeCloseTo(0.9004, 4);
    expect(r.psr).toBeGreaterThan(r.dsr);
  });

  it('expects a higher maximum Sharpe from more trials and none from a single trial', () => {
    expect(expectedMaxSharpe(1, 1)).toBe(0);
    expect(expectedMaxSharpe(10, 1)).toBeLessThan(expectedMaxSharpe(100, 1));
    expect(expectedMaxSharpe(100, 1)).toBeLessThan(expectedMaxSharpe(1000, 1));
  });

  it('rejects fewer than 2 observations', () => {
    expect(() => probabilisticSharpeRatio({ sharpe: 0.1, benchmark: 0, observations: 1, skew: 0, kurtosis: 3 })).toThrow(/observations must be an integer >= 2; got 1/);
  });
});

/** T bar returns for N candidates: iid noise, optionally with a drift on one candidate. */
function returnsMatrix(t: number, n: number, seed: number, edge: { candidate: number; drift: number } | null): Float64Array[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, c) => {
    const r = new Float64Array(t);
    for (let k = 0; k < t; k++) r[k] = 0.01 * rng.normal() + (edge && edge.candidate === c ? edge.drift : 0);
    return r;
  });
}

function selectionStats(matrix: Float64Array[]) {
  const srs = matrix.map((r) => {
    const m = moments(r);
    return m.mean / m.stdev;
  });
  let best = 0;
  for (let c = 1; c < srs.length; c++) if (srs[c]! > srs[best]!) best = c;
  const mean = srs.reduce((a, b) => a + b, 0) / srs.length;
  const variance = srs.reduce((a, b) => a + (b - mean) ** 2, 0) / (srs.length - 1);
  const m = moments(matrix[best]!);
  return deflatedSharpeRatio({ sharpe: srs[best]!, observations: matrix[best]!.length, skew: m.skew, kurtosis: m.kurtosis, trials: matrix.length, sharpeVariance: variance });
}

describe('PBO by CSCV', () => {
  it('follows the definition on a hand-worked 2-block, 3-candidate case', () => {
    // Blocks as [count, sum, sumSq]. Candidate 0 is best in block 0 and worst in block 1; candidate 2 the reverse.
    const mk = (b0: number[], b1: number[]) => Float64Array.from([b0.length, sum(b0), sum(b0.map((x) => x * x)), b1.length, sum(b1), sum(b1.map((x) => x * x))]);
    const stats = [mk([3, 1], [-1, -2]), mk([1, 0], [0, 1]), mk([-1, -2], [3, 2])];
    const r = pboCscv(stats, 2);
    // Split {0}: IS winner candidate 0 ranks last OOS (rank 1 of 3): w = 1/4, lambda = ln(1/3) < 0.
    // Split {1}: IS winner candidate 2 ranks last in block 0: lambda < 0 too.
    expect(r.combinations).toBe(2);
    expect(Array.from(r.logits)).toEqual([Math.log(1 / 3), Math.log(1 / 3)]);
    expect(r.pbo).toBe(1);
    expect(r.probabilityOfOosLoss).toBe(1);
  });

  it('evaluates all C(16, 8) = 12870 splits', () => {
    const r = pboCscv(returnsMatrix(320, 4, 1, null).map((x) => blockStatsFromReturns(x, 16)), 16);
    expect(r.combinations).toBe(12870);
    expect(r.logits).toHaveLength(12870);
  });

  it('gives pure noise a high PBO and a low DSR, and a planted edge a PBO near 0 and a DSR near 1', () => {
    // 50 candidates x 2000 bars; averaged over 5 seeds so the test does not hinge on one draw.
    let noisePbo = 0;
    let edgePbo = 0;
    let noiseDsr = 0;
    let edgeDsr = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const noise = returnsMatrix(2000, 50, seed, null);
      const edge = returnsMatrix(2000, 50, seed, { candidate: 7, drift: 0.0015 });
      noisePbo += pboCscv(noise.map((x) => blockStatsFromReturns(x, 10)), 10).pbo / 5;
      edgePbo += pboCscv(edge.map((x) => blockStatsFromReturns(x, 10)), 10).pbo / 5;
      noiseDsr += selectionStats(noise).dsr / 5;
      edgeDsr += selectionStats(edge).dsr / 5;
    }
    expect(noisePbo).toBeGreaterThan(0.35);
    expect(edgePbo).toBeLessThan(0.05);
    expect(noiseDsr).toBeLessThan(0.8);
    expect(edgeDsr).toBeGreaterThan(0.95);
  });

  it('rejects an odd block count and a single candidate', () => {
    expect(() => pboCscv([new Float64Array(9), new Float64Array(9)], 3)).toThrow(/even integer in \[2, 20\]; got 3/);
    expect(() => pboCscv([new Float64Array(6)], 2)).toThrow(/at least 2 candidates/);
  });
});

describe('Monte Carlo of trade returns', () => {
  it('is reproducible from its seed', () => {
    const r = [0.05, -0.02, 0.01, -0.04, 0.03];
    expect(monteCarloTrades(r, { seed: 9, samples: 500 })).toEqual(monteCarloTrades(r, { seed: 9, samples: 500 }));
    expect(monteCarloTrades(r, { seed: 9, samples: 500 })).not.toEqual(monteCarloTrades(r, { seed: 10, samples: 500 }));
  });

  it('matches the exact distribution of two resampled trades of +10% and -10%', () => {
    // Outcomes 1.1*1.1, 1.1*0.9 (twice) and 0.9*0.9 with probabilities 1/4, 1/2, 1/4.
    const m = monteCarloTrades([0.1, -0.1], { seed: 3, samples: 20_000 });
    expect(m.finalReturn.p5).toBeCloseTo(0.81 - 1, 12);
    expect(m.finalReturn.p50).toBeCloseTo(0.99 - 1, 12);
    expect(m.finalReturn.p95).toBeCloseTo(1.21 - 1, 12);
    expect(m.maxDrawdown.p5).toBeCloseTo(0.81 - 1, 12);
    expect(m.maxDrawdown.p95).toBe(0);
    expect(m.probabilityOfLoss).toBeGreaterThan(0.72);
    expect(m.probabilityOfLoss).toBeLessThan(0.78);
  });

  it('returns the compounded return itself when every trade is the same', () => {
    const m = monteCarloTrades([0.02, 0.02, 0.02], { samples: 50 });
    expect(m.finalReturn.p5).toBeCloseTo(1.02 ** 3 - 1, 14);
    expect(m.finalReturn.p95).toBeCloseTo(1.02 ** 3 - 1, 14);
    expect(m.maxDrawdown.p50).toBe(0);
  });

  it('rejects a sample count outside [1, 100000]', () => {
    expect(() => monteCarloTrades([0.1], { samples: 0 })).toThrow(/monteCarlo.samples must be an integer in \[1, 100000\]; got 0/);
  });
});

describe('correlation', () => {
  it('is 1 for a positively scaled copy, -1 for a negated one and 0 for a constant series', () => {
    const a = [1, 2, 3, 5, 8];
    expect(pearson(a, a.map((x) => 3 * x + 1))).toBeCloseTo(1, 15);
    expect(pearson(a, a.map((x) => -x))).toBeCloseTo(-1, 15);
    expect(pearson(a, [2, 2, 2, 2, 2])).toBe(0);
    // Hand-worked: x = 1,2,3 and y = 1,3,2: cov = 0.5 (sample) / (1 * 1) = 0.5.
    expect(pearson([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 15);
  });

  test.prop([fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 20, maxLength: 20 }), { minLength: 1, maxLength: 10 })])(
    'the matrix is symmetric with a unit diagonal and entries in [-1, 1]',
    (series) => {
      const m = correlationMatrix(series);
      for (let i = 0; i < series.length; i++) {
        expect(m[i]![i]).toBe(1);
        for (let j = 0; j < series.length; j++) {
          expect(m[i]![j]).toBe(m[j]![i]);
          expect(Math.abs(m[i]![j]!)).toBeLessThanOrEqual(1);
        }
      }
      const avg = averageOffDiagonal(m);
      expect(Math.abs(avg)).toBeLessThanOrEqual(1);
    },
  );

  it('averages the upper triangle', () => {
    expect(averageOffDiagonal([[1, 0.2, 0.4], [0.2, 1, 0.6], [0.4, 0.6, 1]])).toBeCloseTo(0.4, 15);
    expect(averageOffDiagonal([[1]])).toBe(0);
  });
});

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
