import { isRecord, numberOrText, toDateText, toNumText, toParamValue, toText } from './coerce';
import type { CostsForm, NumText, SeriesForm, StrategyForm } from './types';

/**
 * Defaults that work offline on a fresh machine: the demo feed serves
 * BTCUSDT, ETHUSDT, BNBUSDT, SOLUSDT, XRPUSDT, ADAUSDT... from 2020 on, so
 * two months of hourly BTCUSDT need no network.
 */
export const DEFAULT_SERIES: Readonly<SeriesForm> = {
  exchange: 'demo',
  symbol: 'BTCUSDT',
  timeframe: '1h',
  start: '2024-01-01',
  end: '2024-03-01',
};

/** The API's own defaults (costFields in @spark/api/schemas). */
export const DEFAULT_COSTS: Readonly<CostsForm> = {
  initialCapital: 100_000,
  feeBps: 10,
  slippageBps: 0,
};

export const DEFAULT_STRATEGY = 'emaCross';

export function seriesFrom(r: Record<string, unknown>): SeriesForm {
  return {
    exchange: toText(r.exchange, DEFAULT_SERIES.exchange),
    symbol: toText(r.symbol, DEFAULT_SERIES.symbol).toUpperCase(),
    timeframe: toText(r.timeframe, DEFAULT_SERIES.timeframe),
    start: toDateText(r.start, DEFAULT_SERIES.start),
    end: toDateText(r.end, DEFAULT_SERIES.end),
  };
}

export function costsFrom(r: Record<string, unknown>): CostsForm {
  return {
    initialCapital: toNumText(r.initialCapital, DEFAULT_COSTS.initialCapital),
    feeBps: toNumText(r.feeBps, DEFAULT_COSTS.feeBps),
    slippageBps: toNumText(r.slippageBps, DEFAULT_COSTS.slippageBps),
  };
}

export function strategyFrom(value: unknown): StrategyForm {
  if (!isRecord(value)) return { name: DEFAULT_STRATEGY, params: {} };
  const params: Record<string, NumText> = {};
  if (isRecord(value.params)) {
    for (const [k, v] of Object.entries(value.params)) {
      const p = toParamValue(v);
      if (p !== undefined) params[k] = p;
    }
  }
  return { name: toText(value.name, DEFAULT_STRATEGY), params };
}

export function seriesRequest(form: SeriesForm) {
  return { exchange: form.exchange, symbol: form.symbol, timeframe: form.timeframe, start: form.start, end: form.end };
}

export function costsRequest(form: CostsForm) {
  return {
    initialCapital: numberOrText(form.initialCapital),
    feeBps: numberOrText(form.feeBps),
    slippageBps: numberOrText(form.slippageBps),
  };
}

export function strategyRequest(form: StrategyForm) {
  const params: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(form.params)) params[k] = numberOrText(v);
  return { name: form.name, params };
}

/** An optional number: left out of the request when empty, so the API default applies. */
export function optionalNumber(value: NumText): number | string | undefined {
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return numberOrText(value);
}
