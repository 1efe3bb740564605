import { atrMultParam, atrParam, directionParam, num } from './common';
import { LONG_ENTRY, LONG_EXIT, SHORT_ENTRY, SHORT_EXIT, type ParamValues, type StrategyDefinition } from './types';

const firstSignalBar = (p: ParamValues): number => Math.max(num(p, 'entry'), num(p, 'exit'), num(p, 'atr') + 1);

/**
 * Donchian channel breakout (the Turtle system's rule): buy when the close
 * breaks above the highest high of the previous `entry` bars, sell when it
 * breaks below the lowest low of the previous `exit` bars; shorts mirror it.
 */
export const donchianBreakout: StrategyDefinition = {
  name: 'donchianBreakout',
  label: 'Donchian breakout',
  description: 'Long on a close above the prior N-bar high, out on a close below the prior M-bar low (shorts mirror), with an ATR stop.',
  params: [
    { name: 'entry', label: 'Entry channel', type: 'int', min: 2, max: 500, default: 20, description: 'Bars in the channel whose breakout opens a position.' },
    { name: 'exit', label: 'Exit channel', type: 'int', min: 2, max: 500, default: 10, description: 'Bars in the opposite channel whose breakout closes the position.' },
    atrParam,
    atrMultParam,
    directionParam,
  ],
  constraints: [],
  firstSignalBar,
  signals(cache, p, flags, from, to) {
    const close = cache.candles.close;
    const upE = cache.donchianUpper(num(p, 'entry'));
    const loE = cache.donchianLower(num(p, 'entry'));
    const upX = cache.donchianUpper(num(p, 'exit'));
    const loX = cache.donchianLower(num(p, 'exit'));
    const atr = cache.atr(num(p, 'atr'));
    // Built before the loop: code after a long loop gets no type feedback before V8 compiles it.
    const stopSpec = { stopAtr: atr, stopMult: num(p, 'atrMult') };
    const ready = firstSignalBar(p);
    const start = from > ready ? from : ready;
    const head = start < to ? start : to;
    for (let i = from; i < head; i++) flags[i] = 0;
    for (let i = start; i < to; i++) {
      const c = close[i]!;
      let f = 0;
      if (c > upE[i - 1]!) f |= LONG_ENTRY;
      if (c < loX[i - 1]!) f |= LONG_EXIT;
      if (c < loE[i - 1]!) f |= SHORT_ENTRY;
      if (c > upX[i - 1]!) f |= SHORT_EXIT;
      flags[i] = f;
    }
    return stopSpec;
  },
  indicators(cache, p) {
    return [
      { name: 'entryUpper', label: `High ${p.entry}`, pane: 'price', values: cache.donchianUpper(num(p, 'entry')) },
      { name: 'entryLower', label: `Low ${p.entry}`, pane: 'price', values: cache.donchianLower(num(p, 'entry')) },
      { name: 'exitUpper', label: `High ${p.exit}`, pane: 'price', values: cache.donchianUpper(num(p, 'exit')) },
      { name: 'exitLower', label: `Low ${p.exit}`, pane: 'price', values: cache.donchianLower(num(p, 'exit')) },
      { name: 'atr', label: `ATR ${p.atr}`, pane: 'oscillator', values: cache.atr(num(p, 'atr')) },
    ];
  },
};
