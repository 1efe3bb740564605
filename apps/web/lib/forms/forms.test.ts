import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../validate';
import { backtestPage } from './backtest';
import { optimizePage } from './optimize';
import { decodeForm, encodeForm, hrefFor, type PageForm } from './page-form';
import { portfolioPage, roundedWeights } from './portfolio';
import type { BacktestForm, OptimizeForm, PortfolioForm, WalkforwardForm } from './types';
import { walkforwardPage } from './walkforward';
import { weightsSum } from '../weights';

const pages = [backtestPage, walkforwardPage, portfolioPage, optimizePage] as PageForm<unknown>[];

describe('page forms', () => {
  it.each(pages.map((p) => [p.path, p] as const))('%s: an empty query string gives the defaults', (_, page) => {
    expect(decodeForm(page, '')).toEqual(page.defaults());
  });

  it.each(pages.filter((p) => p !== optimizePage).map((p) => [p.path, p] as const))('%s: the defaults are a valid API request', (_, page) => {
    expect(validateRequest(page.schema, page.toRequest(page.defaults()))).toEqual({});
  });

  it('the backtest defaults run offline: demo feed, BTCUSDT, 1h, 2024-01-01 to 2024-03-01', () => {
    expect(backtestPage.toRequest(backtestPage.defaults())).toEqual({
      exchange: 'demo',
      symbol: 'BTCUSDT',
      timeframe: '1h',
      start: '2024-01-01',
      end: '2024-03-01',
      strategy: { name: 'emaCross', params: {} },
      initialCapital: 100_000,
      feeBps: 10,
      slippageBps: 0,
    });
  });

  it('keeps text that is not a number yet, so validation can name it', () => {
    const form: BacktestForm = { ...backtestPage.defaults(), feeBps: '1e', strategy: { name: 'emaCross', params: { emaFast: 'abc' } } };
    const request = backtestPage.toRequest(form);
    expect(request).toMatchObject({ feeBps: '1e', strategy: { params: { emaFast: 'abc' } } });
    const errors = validateRequest(backtestPage.schema, request);
    expect(errors.feeBps).toBe('must be a number; got "1e"');
    expect(errors['strategy.params.emaFast']).toMatch(/must be an integer in \[2, 1000\]; got "abc"/);
    expect(decodeForm(backtestPage, encodeForm(backtestPage, form))).toEqual(form);
  });

  it('reports the strategy rule at the parameter that breaks it, as the API does', () => {
    const form: BacktestForm = { ...backtestPage.defaults(), strategy: { name: 'emaCross', params: { emaFast: 20, emaSlow: 10 } } };
    expect(validateRequest(backtestPage.schema, backtestPage.toRequest(form))).toEqual({
      'strategy.params.emaSlow': 'emaSlow must be greater than emaFast (20); got 10',
    });
  });

  it('reads a preset stored with epoch-millisecond dates as calendar dates', () => {
    const form = backtestPage.fromRequest({ exchange: 'demo', symbol: 'ethusdt', timeframe: '4h', start: Date.UTC(2023, 5, 1), end: '2023-09-01T00:00:00Z' });
    expect(form).toMatchObject({ symbol: 'ETHUSDT', timeframe: '4h', start: '2023-06-01', end: '2023-09-01' });
  });

  test.prop([fc.anything()])('never throws on a request of any shape, and always gives a complete form', (anything) => {
    for (const page of pages) {
      const form = page.fromRequest(anything) as Record<string, unknown>;
      expect(Object.keys(form).sort()).toEqual(Object.keys(page.defaults() as object).sort());
    }
  });

  it('links to a page with a preset loaded', () => {
    expect(hrefFor(backtestPage, { symbol: 'ETHUSDT', strategy: { name: 'rsiReversion', params: { period: 14 } } })).toBe(
      '/backtest?exchange=demo&symbol=ETHUSDT&timeframe=1h&start=2024-01-01&end=2024-03-01&strategy.name=rsiReversion&strategy.params.period=14&initialCapital=100000&feeBps=10&slippageBps=0',
    );
  });
});

const symbol = fc.constantFrom('BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'SOLUSDT', 'XRPUSDT', 'ADAUSDT');
const date = fc.date({ min: new Date('2020-01-01'), max: new Date('2029-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const num = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0.001, max: 1000, noNaN: true }).map((v) => Number(v.toPrecision(6))));
const series = fc.record({ exchange: fc.constantFrom('demo', 'binance'), symbol, timeframe: fc.constantFrom('1m', '1h', '4h', '1d'), start: date, end: date });
const costs = fc.record({ initialCapital: num, feeBps: num, slippageBps: num });
const strategy = fc.record({
  name: fc.constantFrom('emaCross', 'rsiReversion'),
  params: fc.dictionary(fc.constantFrom('emaFast', 'emaSlow', 'atr', 'atrMult', 'direction'), fc.oneof(fc.integer({ min: 1, max: 500 }), fc.constantFrom('long', 'short', 'both'))),
});

describe('page state survives the query string', () => {
  test.prop([fc.record({ series, costs, strategy })])('backtest', ({ series, costs, strategy }) => {
    const form: BacktestForm = { ...series, ...costs, strategy };
    expect(decodeForm(backtestPage, encodeForm(backtestPage, form))).toEqual(form);
    expect(backtestPage.fromRequest(JSON.parse(JSON.stringify(backtestPage.toRequest(form))))).toEqual(form);
  });

  const axis = fc.oneof(
    fc.record({ from: fc.integer({ min: 2, max: 100 }), step: fc.integer({ min: 1, max: 10 }), n: fc.integer({ min: 3, max: 8 }) }).map(({ from, step, n }) => ({
      on: true,
      mode: 'range' as const,
      min: from,
      max: from + step * (n - 1),
      step,
      list: '',
    })),
    fc.uniqueArray(fc.integer({ min: 2, max: 300 }), { minLength: 1, maxLength: 2 }).map((values) => ({
      on: true,
      mode: 'list' as const,
      min: '',
      max: '',
      step: '',
      list: values.join(', '),
    })),
  );

  test.prop([fc.record({ series, costs, strategy, emaFast: axis, emaSlow: axis, method: fc.constantFrom('grid', 'tpe', 'genetic' as const), top: fc.integer({ min: 1, max: 50 }) })])(
    'optimize, with ranges read back as ranges and lists as lists',
    ({ series, costs, strategy, emaFast, emaSlow, method, top }) => {
      const form: OptimizeForm = { ...series, ...costs, strategy, grid: { emaFast, emaSlow }, method, objective: 'sharpe', budget: method === 'grid' ? '' : 40, seed: 7, top };
      // A searched parameter's fixed value is not sent, so it does not come back either.
      const { emaFast: _f, emaSlow: _s, ...fixed } = strategy.params;
      expect(decodeForm(optimizePage, encodeForm(optimizePage, form))).toEqual({ ...form, strategy: { name: strategy.name, params: fixed } });
    },
  );

  test.prop([fc.record({ series, costs, strategy, folds: fc.boolean(), threshold: fc.constantFrom('', 0.5, 0.8) })])('walk-forward, simple split or folds', ({ series, costs, strategy, folds, threshold }) => {
    const base = walkforwardPage.defaults();
    const form: WalkforwardForm = { ...base, ...series, ...costs, strategy, threshold, wfMode: folds ? 'folds' : 'simple' };
    const back = decodeForm(walkforwardPage, encodeForm(walkforwardPage, form));
    // Fields of the other mode are not in the link; they come back as defaults.
    if (folds) expect(back).toEqual({ ...form, trainRatio: base.trainRatio, testRatio: base.testRatio });
    else expect(back).toEqual({ ...base, ...series, ...costs, strategy, threshold });
  });

  test.prop([fc.uniqueArray(symbol, { minLength: 1, maxLength: 6 }), fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 })])(
    'portfolio: symbols in order, weights within 1e-6 and still summing to 1',
    (symbols, raw) => {
      const total = raw.slice(0, symbols.length).reduce((a, b) => a + b, 0);
      const weights = raw.slice(0, symbols.length).map((w) => w / total);
      const form: PortfolioForm = { ...portfolioPage.defaults(), symbols, weights };
      const back = decodeForm(portfolioPage, encodeForm(portfolioPage, form));
      expect(back.symbols).toEqual(symbols);
      back.weights.forEach((w, i) => expect(Math.abs(w - weights[i]!)).toBeLessThan(2e-6));
      expect(Math.abs(weightsSum(back.weights) - 1)).toBeLessThan(1e-9);
      expect(validateRequest(portfolioPage.schema, portfolioPage.toRequest(form)).weights).toBeUndefined();
    },
  );
});

describe('roundedWeights', () => {
  it('rounds to 6 decimals and gives the remainder to the last symbol', () => {
    expect(roundedWeights([1 / 3, 1 / 3, 1 / 3])).toEqual([0.333333, 0.333333, 0.333334]);
  });
});
