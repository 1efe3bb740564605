import { bollingerInto } from '../kernels/bollinger';
import { atrMultParam, atrParam, directionParam, num } from './common';
import { LONG_ENTRY, LONG_EXIT, SHORT_ENTRY, SHORT_EXIT, type ParamValues, type StrategyDefinition } from './types';

const firstSignalBar = (p: ParamValues): number => Math.max(num(p, 'period'), num(p, 'atr') + 1);

/**
 * Bollinger band mean reversion: buy when the close comes back inside the
 * lower band after closing below it, take profit at the middle band; shorts
 * mirror it at the upper band.
 */
export const bollingerReversion: StrategyDefinition = {
  name: 'bollingerReversion',
  label: 'Bollinger band reversion',
  description: 'Long when the close re-enters the lower band, out at the middle band (shorts mirror at the upper band), with an ATR stop.',
  params: [
    { name: 'period', label: 'Band period', type: 'int', min: 2, max: 500, default: 20, description: 'Bars in the moving average and standard deviation of closes.' },
    { name: 'stdDev', label: 'Band width (std devs)', type: 'real', min: 0, exclusiveMin: true, max: 10, default: 2, description: 'Distance of the bands from the middle, in population standard deviations.' },
    atrParam,
    atrMultParam,
    directionParam,
  ],
  constraints: [],
  firstSignalBar,
  signals(cache, p, flags, from, to) {
    const close = cache.candles.close;
    const period = num(p, 'period');
    const mid = cache.sma(period);
    const sd = cache.stdev(period);
    const k = num(p, 'stdDev');
    const atr = cache.atr(num(p, 'atr'));
    // Built before the loop: code after a long loop gets no type feedback before V8 compiles it.
    const stopSpec = { stopAtr: atr, stopMult: num(p, 'atrMult') };
    const ready = firstSignalBar(p);
    const start = from > ready ? from : ready;
    const head = start < to ? start : to;
    for (let i = from; i < head; i++) flags[i] = 0;
    for (let i = start; i < to; i++) {
      const c = close[i]!;
      const pc = close[i - 1]!;
      const m = mid[i]!;
      const w = k * sd[i]!;
      const pm = mid[i - 1]!;
      const pw = k * sd[i - 1]!;
      let f = 0;
      // Re-entering the band already at the middle is a finished trade, not an entry.
      if (pc < pm - pw && c >= m - w && c < m) f |= LONG_ENTRY;
      if (c >= m) f |= LONG_EXIT;
      if (pc > pm + pw && c <= m + w && c > m) f |= SHORT_ENTRY;
      if (c <= m) f |= SHORT_EXIT;
      flags[i] = f;
    }
    return stopSpec;
  },
  indicators(cache, p) {
    const n = cache.candles.close.length;
    const middle = new Float64Array(n);
    const upper = new Float64Array(n);
    const lower = new Float64Array(n);
    bollingerInto(middle, upper, lower, cache.candles.close, num(p, 'period'), num(p, 'stdDev'));
    return [
      { name: 'middle', label: `SMA ${p.period}`, pane: 'price', values: middle },
      { name: 'upper', label: `Upper ${p.stdDev}σ`, pane: 'price', values: upper },
      { name: 'lower', label: `Lower ${p.stdDev}σ`, pane: 'price', values: lower },
      { name: 'atr', label: `ATR ${p.atr}`, pane: 'oscillator', values: cache.atr(num(p, 'atr')) },
    ];
  },
};
