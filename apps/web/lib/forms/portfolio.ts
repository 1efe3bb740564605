import { MAX_PORTFOLIO_SYMBOLS, portfolioInput } from '@spark/api/schemas';
import { equalWeights, normalizeWeights } from '../weights';
import { isRecord, toChoice, toDateText, toList, toNumText, toText } from './coerce';
import { DEFAULT_COSTS, DEFAULT_SERIES, DEFAULT_STRATEGY, costsFrom, costsRequest, strategyFrom, strategyRequest } from './common';
import { numberOrText } from './coerce';
import type { PageForm } from './page-form';
import { rebalanceModes, type PortfolioForm } from './types';

export { MAX_PORTFOLIO_SYMBOLS };

export const DEFAULT_PORTFOLIO_SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'];

/** Weights read from a URL are rounded; they are scaled back to sum to 1, and replaced by equal ones if they do not fit the symbols. */
function weightsFrom(value: unknown, count: number): number[] {
  const raw = toList(value).map(Number);
  if (raw.length !== count || raw.some((w) => !Number.isFinite(w) || w < 0)) return equalWeights(count);
  return normalizeWeights(raw);
}

/** Rounded to 6 decimals in requests and links: the API accepts a sum within 1e-6 of 1, so the last weight takes the remainder. */
export function roundedWeights(weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const rounded = weights.map((w) => Math.round(w * 1e6) / 1e6);
  const head = rounded.slice(0, -1);
  const last = Math.round((1 - head.reduce((a, b) => a + b, 0)) * 1e6) / 1e6;
  return [...head, Math.max(0, last)];
}

export const portfolioPage: PageForm<PortfolioForm> = {
  procedure: 'portfolio',
  path: '/portfolio',
  title: 'Portfolio',
  schema: portfolioInput,
  defaults: () => ({
    exchange: DEFAULT_SERIES.exchange,
    timeframe: DEFAULT_SERIES.timeframe,
    start: DEFAULT_SERIES.start,
    end: DEFAULT_SERIES.end,
    ...DEFAULT_COSTS,
    symbols: [...DEFAULT_PORTFOLIO_SYMBOLS],
    weights: equalWeights(DEFAULT_PORTFOLIO_SYMBOLS.length),
    strategy: { name: DEFAULT_STRATEGY, params: {} },
    rebalance: 'none',
    minTrade: 0,
  }),
  toRequest: (form) => ({
    symbols: form.symbols,
    weights: roundedWeights(form.weights),
    exchange: form.exchange,
    timeframe: form.timeframe,
    start: form.start,
    end: form.end,
    strategy: strategyRequest(form.strategy),
    ...costsRequest(form),
    rebalance: form.rebalance,
    minTrade: numberOrText(form.minTrade),
  }),
  fromRequest(request) {
    const r = isRecord(request) ? request : {};
    const listed = r.symbols === undefined ? [...DEFAULT_PORTFOLIO_SYMBOLS] : toList(r.symbols).map((s) => s.toUpperCase());
    const symbols = listed.slice(0, MAX_PORTFOLIO_SYMBOLS);
    return {
      exchange: toText(r.exchange, DEFAULT_SERIES.exchange),
      timeframe: toText(r.timeframe, DEFAULT_SERIES.timeframe),
      start: toDateText(r.start, DEFAULT_SERIES.start),
      end: toDateText(r.end, DEFAULT_SERIES.end),
      ...costsFrom(r),
      symbols,
      weights: weightsFrom(r.weights, symbols.length),
      strategy: strategyFrom(r.strategy),
      rebalance: toChoice(r.rebalance, rebalanceModes, 'none'),
      minTrade: toNumText(r.minTrade, 0),
    };
  },
};
