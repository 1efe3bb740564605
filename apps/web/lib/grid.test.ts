import { fc, test } from '@fast-check/vitest';
import { checkConstraints, defaultParams, getStrategy, listStrategies } from '@spark/engine';
import { describe, expect, it } from 'vitest';
import { axisFromValues, countCombinations, defaultAxis, defaultGrid, expandAxis, gridToRequest, niceStep } from './grid';
import type { GridAxisForm } from './forms/types';

const range = (min: number | string, max: number | string, step: number | string): GridAxisForm => ({ on: true, mode: 'range', min, max, step, list: '' });
const list = (text: string): GridAxisForm => ({ on: true, mode: 'list', min: '', max: '', step: '', list: text });

describe('expandAxis', () => {
  it('expands an inclusive range without binary noise', () => {
    expect(expandAxis(range(0.1, 0.5, 0.1))).toEqual({ values: [0.1, 0.2, 0.3, 0.4, 0.5] });
    expect(expandAxis(range(10, 30, 5))).toEqual({ values: [10, 15, 20, 25, 30] });
    expect(expandAxis(range(10, 32, 5))).toEqual({ values: [10, 15, 20, 25, 30] });
  });

  it('reads lists of numbers and of option names', () => {
    expect(expandAxis(list('10, 20,30'))).toEqual({ values: [10, 20, 30] });
    expect(expandAxis(list('long, both'))).toEqual({ values: ['long', 'both'] });
  });

  it('says what is wrong with an axis in words', () => {
    expect(expandAxis(range(30, 10, 5))).toEqual({ error: '"to" (10) must be at least "from" (30)' });
    expect(expandAxis(range(1, 10, 0))).toEqual({ error: '"step" must be greater than 0; got 0' });
    expect(expandAxis(range('x', 10, 1))).toEqual({ error: '"from" must be a number; got "x"' });
    expect(expandAxis(range(1, 1000, 1))).toEqual({ error: '1 to 1000 in steps of 1 is 1000 values; at most 200 per parameter' });
    expect(expandAxis(list(' , '))).toEqual({ error: 'list at least one value, e.g. 10, 20, 30' });
  });

  it('leaves axes that are off out of the request, and reports broken ones under grid.<name>', () => {
    expect(gridToRequest({ emaFast: range(10, 20, 5), emaSlow: { ...range(1, 2, 1), on: false }, atr: range(5, 1, 1) })).toEqual({
      grid: { emaFast: [10, 15, 20] },
      errors: { 'grid.atr': '"to" (1) must be at least "from" (5)' },
    });
  });
});

describe('countCombinations', () => {
  it('skips combinations that break emaSlow > emaFast, as the server does (hand count: 25 - 1)', () => {
    // emaFast 10..30, emaSlow 30..70: only (30, 30) breaks the rule.
    expect(countCombinations('emaCross', { emaFast: [10, 15, 20, 25, 30], emaSlow: [30, 40, 50, 60, 70] }, {})).toEqual({ ok: true, size: 25, valid: 24, skipped: 1 });
  });

  it('names the grid value the strategy refuses', () => {
    expect(countCombinations('emaCross', { emaFast: [1, 10] }, {})).toMatchObject({ ok: false, field: 'grid.emaFast[0]' });
  });

  it('refuses spaces past a million combinations, as the server does, without enumerating them', () => {
    const many = Array.from({ length: 200 }, (_, i) => i + 2);
    expect(countCombinations('emaCross', { emaFast: many, emaSlow: many.map((v) => v + 300), atr: many }, {})).toMatchObject({ ok: false, field: 'grid' });
  });

  const fastValues = fc.uniqueArray(fc.integer({ min: 2, max: 120 }), { minLength: 1, maxLength: 12 });
  const slowValues = fc.uniqueArray(fc.integer({ min: 3, max: 120 }), { minLength: 1, maxLength: 12 });
  test.prop([fastValues, slowValues])('equals a brute-force count of the combinations that pass the strategy rules', (fast, slow) => {
    const def = getStrategy('emaCross');
    const base = defaultParams(def);
    let expected = 0;
    for (const f of fast) for (const s of slow) if (checkConstraints(def, { ...base, emaFast: f, emaSlow: s }) === null) expected++;
    const size = fast.length * slow.length;
    expect(countCombinations('emaCross', { emaFast: fast, emaSlow: slow }, {})).toEqual({ ok: true, size, valid: expected, skipped: size - expected });
  });
});

describe('default grid', () => {
  it('uses 1-2-5 steps', () => {
    expect([niceStep(5, true), niceStep(12.5, true), niceStep(0.5, false), niceStep(3.5, true)]).toEqual([5, 10, 0.5, 5]);
  });

  it('searches five values around each of the first two numeric parameters (emaCross: 24 valid combinations)', () => {
    const specs = getStrategy('emaCross').params.map((p) => ({ ...p }));
    const grid = defaultGrid(specs);
    expect(grid.emaFast).toEqual(range(10, 30, 5));
    expect(grid.emaSlow).toEqual(range(30, 70, 10));
    expect(grid.direction).toMatchObject({ on: false, mode: 'list', list: 'long' });
    const { grid: request, errors } = gridToRequest(grid);
    expect(errors).toEqual({});
    expect(countCombinations('emaCross', request, {})).toMatchObject({ valid: 24 });
  });

  it('stays inside every registered parameter bound', () => {
    for (const strategy of listStrategies()) {
      for (const spec of strategy.params) {
        if (spec.type === 'enum') continue;
        const axis = defaultAxis({ ...spec }, true);
        const result = expandAxis(axis);
        expect(result, `${strategy.name}.${spec.name}`).toHaveProperty('values');
        const values = (result as { values: number[] }).values;
        expect(countCombinations(strategy.name, { [spec.name]: values }, {}), `${strategy.name}.${spec.name}`).toMatchObject({ ok: true });
      }
    }
  });
});

describe('axisFromValues', () => {
  test.prop([fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 3, max: 20 })])('reads an evenly spaced list back as the range that made it', (from, step, n) => {
    const made = range(from, from + step * (n - 1), step);
    const { values } = expandAxis(made) as { values: number[] };
    expect(axisFromValues(values)).toEqual(made);
  });

  it('keeps uneven or short lists as lists', () => {
    expect(axisFromValues([10, 20, 50])).toEqual(list('10, 20, 50'));
    expect(axisFromValues([10, 20])).toEqual(list('10, 20'));
    expect(axisFromValues(['long', 'short'])).toEqual(list('long, short'));
  });
});
