// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { buildParamGrid, validateCorrelationMatrix } from './heatmap';
import { UiDataError } from './errors';

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof UiDataError) return `${e.field} | ${e.detail}`;
    throw e;
  }
  throw new Error('expected a UiDataError');
}

describe('validateCorrelationMatrix', () => {
  const labels = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'];
  const ok = [
    [1, 0.82, 0.71],
    [0.82, 1, 0.69],
    [0.71, 0.69, 1],
  ];

  it('accepts a symmetric matrix with values in [-1, 1] and NaN for undefined pairs', () => {
    expect(() => validateCorrelationMatrix(labels, ok)).not.toThrow();
    expect(() => validateCorrelationMatrix(['A', 'B'], [[1, NaN], [NaN, NaN]])).not.toThrow();
  });

  it('names the row that is not N wide, the cell out of range and the asymmetric pair', () => {
    expect(fieldOf(() => validateCorrelationMatrix(labels, [ok[0]!, ok[1]!]))).toBe('matrix | must have 3 rows (one per label); got 2');
    expect(fieldOf(() => validateCorrelationMatrix(labels, [ok[0]!, [0.82, 1], ok[2]!]))).toBe('matrix[1] | must have 3 values (one per label); got 2');
    expect(fieldOf(() => validateCorrelationMatrix(labels, [ok[0]!, [0.82, 1, 1.2], ok[2]!]))).toBe(
      'matrix[1][2] | must be a correlation in [-1, 1] (or NaN when undefined); got 1.2',
    );
    expect(fieldOf(() => validateCorrelationMatrix(labels, [[1, 0.5, 0.71], ok[1]!, ok[2]!]))).toBe(
      'matrix[0][1] | is 0.5 but matrix[1][0] is 0.82; a correlation matrix is symmetric',
    );
    expect(fieldOf(() => validateCorrelationMatrix(['A', 'A'], [[1, 0], [0, 1]]))).toBe('labels[1] | "A" appears twice; labels must be unique');
  });
});

describe('buildParamGrid', () => {
  it('projects trials on two parameters, best per cell, missing cells null', () => {
    const trials = [
      { params: { emaFast: 10, emaSlow: 50, atr: 14 }, score: 0.4 },
      { params: { emaFast: 10, emaSlow: 50, atr: 20 }, score: 0.9 },
      { params: { emaFast: 20, emaSlow: 50, atr: 14 }, score: 1.3 },
      { params: { emaFast: 5, emaSlow: 100, atr: 14 }, score: -0.2 },
      { params: { emaFast: 20, emaSlow: 100, atr: 14 }, score: null },
    ];
    const g = buildParamGrid(trials, 'emaFast', 'emaSlow');
    expect(g.xValues).toEqual([5, 10, 20]);
    expect(g.yValues).toEqual([50, 100]);
    expect(g.cells[0]![0]).toBeNull();
    expect(g.cells[0]![1]).toEqual({ x: 10, y: 50, value: 0.9, count: 2 });
    expect(g.cells[1]![2]).toEqual({ x: 20, y: 100, value: null, count: 1 });
    expect(g.best).toEqual({ xi: 2, yi: 0, value: 1.3 });
    expect([g.min, g.max]).toEqual([-0.2, 1.3]);
  });

  it('picks the lowest when lower is better, and sorts string axes', () => {
    const trials = [
      { params: { dir: 'short', n: 2 }, score: 3 },
      { params: { dir: 'long', n: 2 }, score: 1 },
      { params: { dir: 'long', n: 1 }, score: 2 },
    ];
    const g = buildParamGrid(trials, 'dir', 'n', false);
    expect(g.xValues).toEqual(['long', 'short']);
    expect(g.best).toEqual({ xi: 0, yi: 1, value: 1 });
  });

  it('names the trial that lacks an axis parameter and refuses the same parameter twice', () => {
    expect(fieldOf(() => buildParamGrid([{ params: { a: 1 }, score: 1 }], 'a', 'b'))).toBe(
      'trials[0].params.b | is missing; every trial needs a value for the heatmap\'s axes (got undefined)',
    );
    expect(fieldOf(() => buildParamGrid([], 'a', 'a'))).toMatch(/^yParam \| must differ from xParam/);
  });

  test.prop([
    fc.array(
      fc.record({ x: fc.integer({ min: 0, max: 6 }), y: fc.integer({ min: 0, max: 6 }), s: fc.option(fc.double({ min: -5, max: 5, noNaN: true })) }),
      { maxLength: 80 },
    ),
  ])('every cell holds the maximum of its trials and the best cell holds the overall maximum', (raw) => {
    const trials = raw.map((r) => ({ params: { x: r.x, y: r.y }, score: r.s }));
    const g = buildParamGrid(trials, 'x', 'y');
    let overall: number | null = null;
    g.cells.forEach((row, yi) =>
      row.forEach((cell, xi) => {
        const mine = trials.filter((t) => t.params.x === g.xValues[xi] && t.params.y === g.yValues[yi]);
        if (mine.length === 0) return expect(cell).toBeNull();
        const scores = mine.map((t) => t.score).filter((s): s is number => s !== null);
        expect(cell?.count).toBe(mine.length);
        expect(cell?.value).toBe(scores.length ? Math.max(...scores) : null);
        if (scores.length) overall = overall === null ? Math.max(...scores) : Math.max(overall, ...scores);
      }),
    );
    expect(g.best?.value ?? null).toBe(overall);
  });
});
