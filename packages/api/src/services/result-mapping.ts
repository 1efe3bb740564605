/** Conversions between the engine's typed-array results and the API's JSON shapes. */
import type { BacktestResult, Candles } from '@spark/engine';
import type { DataReport } from '../schemas/common';
import type { RunInput, RunResult } from '../schemas/run';

/** `[openTime, value]` pairs from a typed array aligned with the candles. */
export function toPoints(openTime: Float64Array, values: Float64Array): [number, number][] {
  const out = new Array<[number, number]>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = [openTime[i]!, values[i]!];
  return out;
}

function nullable(values: Float64Array): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Number.isFinite(values[i]!) ? values[i]! : null;
  return out;
}

export function chartCandles(c: Candles) {
  return {
    openTime: Array.from(c.openTime),
    open: Array.from(c.open),
    high: Array.from(c.high),
    low: Array.from(c.low),
    close: Array.from(c.close),
    volume: Array.from(c.volume),
  };
}

export function toRunResult(
  result: BacktestResult,
  candles: Candles,
  data: DataReport,
  input: Pick<RunInput, 'timeframe' | 'includeCandles'>,
): RunResult {
  return {
    strategy: result.strategy,
    params: result.params,
    timeframe: input.timeframe,
    metrics: result.metrics,
    trades: result.trades,
    equity: toPoints(candles.openTime, result.equity),
    drawdown: toPoints(candles.openTime, result.drawdown),
    ...(result.indicators
      ? { indicators: result.indicators.map((s) => ({ name: s.name, label: s.label, pane: s.pane, values: nullable(s.values) })) }
      : {}),
    ...(input.includeCandles ? { candles: chartCandles(candles) } : {}),
    data,
  };
}

export function engineRequest(input: Pick<RunInput, 'strategy' | 'initialCapital' | 'feeBps' | 'slippageBps' | 'timeframe' | 'direction'>) {
  return {
    strategy: input.strategy.name,
    params: input.strategy.params,
    initialCapital: input.initialCapital,
    feeBps: input.feeBps,
    slippageBps: input.slippageBps,
    timeframe: input.timeframe,
    ...(input.direction ? { direction: input.direction } : {}),
  };
}
