import type { IndicatorCache } from './indicator-cache';
import { atrMultParam, atrParam, directionParam, num } from './common';
import { LONG_ENTRY, LONG_EXIT, SHORT_ENTRY, SHORT_EXIT, type ParamValues, type StrategyDefinition } from './types';

/**
 * The reference strategy; its semantics are a contract other implementations
 * are checked against:
 * - EMA(n) seeded with the SMA of the first n closes, alpha = 2/(n+1); Wilder ATR.
 * - Bar i is ready when emaFast, emaSlow and ATR are defined at i and at i-1.
 * - Cross up at i: fast[i] > slow[i] and fast[i-1] <= slow[i-1] (enter long /
 *   cover short); cross down: fast[i] < slow[i] and fast[i-1] >= slow[i-1]
 *   (exit long / enter short).
 * - The stop distance is atrMult * atr[i] at the signal bar.
 */
const UP = LONG_ENTRY | SHORT_EXIT;
const DOWN = LONG_EXIT | SHORT_ENTRY;

const firstSignalBar = (p: ParamValues): number =>
  Math.max(num(p, 'emaFast') - 1, num(p, 'emaSlow') - 1, num(p, 'atr')) + 1;

export const emaCross: StrategyDefinition = {
  name: 'emaCross',
  label: 'EMA crossover',
  description: 'Trend following: long when the fast EMA crosses above the slow EMA, out (or short) when it crosses below, with an ATR stop.',
  params: [
    {
      name: 'emaFast',
      label: 'Fast EMA',
      type: 'int',
      min: 2,
      max: 1000,
      default: 20,
      description: 'Bars in the fast exponential moving average of closes.',
    },
    {
      name: 'emaSlow',
      label: 'Slow EMA',
      type: 'int',
      min: 3,
      max: 2000,
      default: 50,
      description: 'Bars in the slow exponential moving average of closes; must exceed the fast period.',
    },
    atrParam,
    atrMultParam,
    directionParam,
  ],
  constraints: [
    {
      field: 'emaSlow',
      description: 'emaSlow > emaFast',
      check: (p) =>
        (p.emaSlow as number) > (p.emaFast as number)
          ? null
          : `emaSlow must be greater than emaFast (${p.emaFast}); got ${p.emaSlow}`,
    },
  ],
  firstSignalBar,
  signals(cache: IndicatorCache, p, flags, from, to) {
    const fast = cache.ema(num(p, 'emaFast'));
    const slow = cache.ema(num(p, 'emaSlow'));
    const atr = cache.atr(num(p, 'atr'));
    crossFlags(fast, slow, flags, from, to, firstSignalBar(p));
    return { stopAtr: atr, stopMult: num(p, 'atrMult') };
  },
  indicators(cache, p) {
    return [
      { name: 'emaFast', label: `EMA ${p.emaFast}`, pane: 'price', values: cache.ema(num(p, 'emaFast')) },
      { name: 'emaSlow', label: `EMA ${p.emaSlow}`, pane: 'price', values: cache.ema(num(p, 'emaSlow')) },
      { name: 'atr', label: `ATR ${p.atr}`, pane: 'oscillator', values: cache.atr(num(p, 'atr')) },
    ];
  },
};

/** Cross flags for bars [from, to), none before `ready`. A loop-only function so it optimises on its own. */
function crossFlags(fast: Float64Array, slow: Float64Array, flags: Uint8Array, from: number, to: number, ready: number): void {
  const start = from > ready ? from : ready;
  const head = start < to ? start : to;
  for (let i = from; i < head; i++) flags[i] = 0;
  if (start >= to) return;
  // Compare through the difference: for finite doubles fast - slow > 0 exactly when fast > slow
  // (IEEE 754 subtraction of unequal numbers never rounds to 0), and one value per bar is cheaper.
  let prev = fast[start - 1]! - slow[start - 1]!;
  for (let i = start; i < to; i++) {
    const d = fast[i]! - slow[i]!;
    flags[i] = d > 0 && prev <= 0 ? UP : d < 0 && prev >= 0 ? DOWN : 0;
    prev = d;
  }
}
