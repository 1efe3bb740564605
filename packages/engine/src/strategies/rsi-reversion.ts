import { atrMultParam, atrParam, directionParam, num } from './common';
import { LONG_ENTRY, LONG_EXIT, SHORT_ENTRY, SHORT_EXIT, type ParamValues, type StrategyDefinition } from './types';

const firstSignalBar = (p: ParamValues): number => Math.max(num(p, 'rsi'), num(p, 'atr')) + 1;

/**
 * RSI mean reversion (after Wilder's 30/70 levels): buy when the RSI climbs
 * back above the oversold level, sell once it reaches overbought; shorts
 * mirror it (sell when the RSI falls back below overbought, cover at oversold).
 */
export const rsiReversion: StrategyDefinition = {
  name: 'rsiReversion',
  label: 'RSI mean reversion',
  description: 'Long when the RSI leaves oversold, out when it reaches overbought (shorts mirror), with an ATR stop.',
  params: [
    { name: 'rsi', label: 'RSI period', type: 'int', min: 2, max: 200, default: 14, description: "Bars in Wilder's relative strength index of closes." },
    { name: 'oversold', label: 'Oversold level', type: 'real', min: 1, max: 49, default: 30, description: 'RSI level below which the market counts as oversold.' },
    { name: 'overbought', label: 'Overbought level', type: 'real', min: 51, max: 99, default: 70, description: 'RSI level above which the market counts as overbought.' },
    atrParam,
    atrMultParam,
    directionParam,
  ],
  constraints: [],
  firstSignalBar,
  signals(cache, p, flags, from, to) {
    const rsi = cache.rsi(num(p, 'rsi'));
    const atr = cache.atr(num(p, 'atr'));
    const lo = num(p, 'oversold');
    const hi = num(p, 'overbought');
    // Built before the loop: code after a long loop gets no type feedback before V8 compiles it.
    const stopSpec = { stopAtr: atr, stopMult: num(p, 'atrMult') };
    const ready = firstSignalBar(p);
    const start = from > ready ? from : ready;
    const head = start < to ? start : to;
    for (let i = from; i < head; i++) flags[i] = 0;
    for (let i = start; i < to; i++) {
      const r = rsi[i]!;
      const prev = rsi[i - 1]!;
      let f = 0;
      // A jump from oversold straight to overbought is an exit level, not an entry.
      if (prev < lo && r >= lo && r < hi) f |= LONG_ENTRY;
      if (r >= hi) f |= LONG_EXIT;
      if (prev > hi && r <= hi && r > lo) f |= SHORT_ENTRY;
      if (r <= lo) f |= SHORT_EXIT;
      flags[i] = f;
    }
    return stopSpec;
  },
  indicators(cache, p) {
    return [
      { name: 'rsi', label: `RSI ${p.rsi}`, pane: 'oscillator', values: cache.rsi(num(p, 'rsi')) },
      { name: 'atr', label: `ATR ${p.atr}`, pane: 'oscillator', values: cache.atr(num(p, 'atr')) },
    ];
  },
};
