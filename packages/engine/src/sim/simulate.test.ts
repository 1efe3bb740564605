import { describe, expect, it } from 'vitest';
import { candlesFromRows, type Candles } from '../candles';
import { LONG_ENTRY, LONG_EXIT, SHORT_ENTRY, SHORT_EXIT } from '../strategies/types';
import { runBacktest } from './backtest';
import { createTradeStats, simulate, type SimConfig } from './simulate';
import type { Trade } from './types';

const HOUR = 3_600_000;

/** Bars from [open, high, low, close] tuples, one hour apart. */
function bars(ohlc: [number, number, number, number][]): Candles {
  return candlesFromRows(ohlc.map(([o, h, l, c], i) => [i * HOUR, o, h, l, c, 1]));
}

function run(
  c: Candles,
  flagList: Record<number, number>,
  cfg: Partial<SimConfig> = {},
  opts: { atr?: number; mult?: number; start?: number; end?: number } = {},
): { equity: Float64Array; trades: Trade[]; position: Int8Array; final: number } {
  const n = c.close.length;
  const flags = new Uint8Array(n);
  for (const [k, v] of Object.entries(flagList)) flags[Number(k)] = v;
  const stopAtr = new Float64Array(n).fill(opts.atr ?? 1);
  const start = opts.start ?? 0;
  const end = opts.end ?? n;
  const equity = new Float64Array(end - start);
  const position = new Int8Array(end - start);
  const trades: Trade[] = [];
  const config: SimConfig = { initialCapital: 1000, feeRate: 0, slippageRate: 0, allowLong: true, allowShort: false, ...cfg };
  const final = simulate(c, flags, stopAtr, opts.mult ?? 1, config, start, end, { equity, tradeStats: createTradeStats(), trades, position });
  return { equity, trades, position, final };
}

// A calm series: every bar 100 -> 101 with a 1-point range, so no 1-ATR stop (ATR = 1 -> stop 1 below the fill) triggers.
const calm = (n: number): Candles => bars(Array.from({ length: n }, () => [100, 101.5, 99.5, 101] as [number, number, number, number]));

describe('simulate: the emaCross execution contract', () => {
  it('fills a long at the next bar open times (1 + slippage), sized all-in net of the fee', () => {
    const c = calm(6);
    const { trades } = run(c, { 1: LONG_ENTRY, 3: LONG_EXIT }, { feeRate: 0.001, slippageRate: 0.0005 });
    const t = trades[0]!;
    expect(t.entryTime).toBe(2 * HOUR);
    expect(t.entryPrice).toBeCloseTo(100 * 1.0005, 12);
    // qty = cash / (fill * (1 + fee)); entry fee = qty * fill * fee.
    const qty = 1000 / (100.05 * 1.001);
    expect(t.qty).toBeCloseTo(qty, 12);
    // Exit at the open after the exit flag, minus slippage, with its own fee.
    expect(t.exitTime).toBe(4 * HOUR);
    expect(t.exitPrice).toBeCloseTo(100 * 0.9995, 12);
    expect(t.fees).toBeCloseTo(qty * 100.05 * 0.001 + qty * 99.95 * 0.001, 12);
    expect(t.pnl).toBeCloseTo(qty * (99.95 - 100.05) - t.fees, 12);
    expect(t.return).toBeCloseTo(t.pnl / 1000, 15);
    expect(t.reason).toBe('signal');
    // Held over bars 2 and 3; bar 4 is left at its open.
    expect(t.barsHeld).toBe(2);
  });

  it('marks equity at each close: cash + qty * close for a long, with equity[0] the initial capital', () => {
    const c = calm(5);
    const { equity, trades } = run(c, { 1: LONG_ENTRY });
    const qty = trades[0]!.qty;
    expect(equity[0]).toBe(1000);
    expect(equity[1]).toBe(1000);
    // Entry at open[2] = 100 with no costs: cash 0, equity = qty * close.
    expect(equity[2]).toBeCloseTo(qty * 101, 9);
    expect(equity[3]).toBeCloseTo(qty * 101, 9);
  });

  it('checks the stop on the entry bar first and fills it at the stop when the bar trades through it', () => {
    // Entry at open 100 on bar 2; ATR 2, mult 1.5 -> stop 97; bar 2 trades down to 96.
    const c = bars([
      [100, 101, 99, 100],
      [100, 101, 99, 100],
      [100, 101, 96, 98],
      [98, 99, 97, 98],
    ]);
    const { trades } = run(c, { 1: LONG_ENTRY }, { slippageRate: 0.001 }, { atr: 2, mult: 1.5 });
    const t = trades[0]!;
    expect(t.reason).toBe('stop');
    expect(t.entryTime).toBe(2 * HOUR);
    expect(t.exitTime).toBe(2 * HOUR);
    // Fill 100 * 1.001 = 100.1, stop 100.1 - 3 = 97.1, exit 97.1 * (1 - 0.001).
    expect(t.exitPrice).toBeCloseTo(97.1 * 0.999, 12);
    expect(t.barsHeld).toBe(1);
  });

  it('fills a stop at the open when the bar gaps through it', () => {
    const c = bars([
      [100, 101, 99, 100],
      [100, 101, 99, 100],
      [100, 101, 99.5, 100],
      [95, 96, 94, 95],
    ]);
    const { trades } = run(c, { 1: LONG_ENTRY }, {}, { atr: 2, mult: 1 });
    expect(trades[0]!.reason).toBe('stop');
    expect(trades[0]!.exitPrice).toBe(95);
    expect(trades[0]!.exitTime).toBe(3 * HOUR);
  });

  it('prefers the stop to an exit signal decided at the same bar close', () => {
    const c = bars([
      [100, 101, 99, 100],
      [100, 101, 99, 100],
      [100, 101, 99.5, 100],
      [100, 101, 97, 100],
      [100, 101, 99, 100],
    ]);
    // The exit flag at bar 3's close would sell at open[4], but the stop (98) already fired on bar 3.
    const { trades } = run(c, { 1: LONG_ENTRY, 3: LONG_EXIT }, {}, { atr: 2, mult: 1 });
    expect(trades).toHaveLength(1);
    expect(trades[0]!.reason).toBe('stop');
    expect(trades[0]!.exitPrice).toBe(98);
  });

  it('re-enters at the next open when the bar that stopped the trade closes with an entry signal', () => {
    const c = bars([
      [100, 101, 99, 100],
      [100, 101, 99, 100],
      [100, 101, 97, 100],
      [100, 101, 99.5, 100],
      [100, 101, 99.5, 100],
    ]);
    const { trades } = run(c, { 1: LONG_ENTRY, 2: LONG_ENTRY }, {}, { atr: 2, mult: 1 });
    expect(trades.map((t) => [t.reason, t.entryTime / HOUR, t.exitTime / HOUR])).toEqual([
      ['stop', 2, 2],
      ['end', 3, 4],
    ]);
  });

  it('never executes a flag set on the last bar', () => {
    const c = calm(4);
    expect(run(c, { 3: LONG_ENTRY }).trades).toHaveLength(0);
  });

  it('closes a position still open after the last bar at the last close with its fee, and ends the curve on that cash', () => {
    const c = calm(4);
    const { trades, equity, final } = run(c, { 1: LONG_ENTRY }, { feeRate: 0.001, slippageRate: 0.001 });
    const t = trades[0]!;
    expect(t.reason).toBe('end');
    expect(t.exitTime).toBe(3 * HOUR);
    expect(t.exitPrice).toBeCloseTo(101 * 0.999, 12);
    expect(t.barsHeld).toBe(2);
    expect(equity[3]).toBe(final);
    expect(final).toBeCloseTo(1000 + t.pnl, 9);
  });

  it('mirrors everything for shorts: fill at open * (1 - slip), stop above, exit at max(open, stop) * (1 + slip)', () => {
    const c = bars([
      [100, 101, 99, 100],
      [100, 101, 99, 100],
      [100, 101, 99, 99],
      [99, 100, 98, 99],
      [103, 104, 102, 103],
    ]);
    const { trades, equity } = run(c, { 1: SHORT_ENTRY }, { allowLong: false, allowShort: true, slippageRate: 0.001, feeRate: 0.001 }, { atr: 2, mult: 1 });
    const t = trades[0]!;
    expect(t.side).toBe('short');
    expect(t.entryPrice).toBeCloseTo(99.9, 12);
    const qty = 1000 / (99.9 * 1.001);
    expect(t.qty).toBeCloseTo(qty, 12);
    // Short equity = cash - qty * close, cash credited with the proceeds less the fee.
    const cash = 1000 + qty * 99.9 - qty * 99.9 * 0.001;
    expect(equity[2]).toBeCloseTo(cash - qty * 99, 9);
    // Stop 99.9 + 2 = 101.9; bar 4 gaps to 103: exit at max(103, 101.9) * 1.001.
    expect(t.reason).toBe('stop');
    expect(t.exitPrice).toBeCloseTo(103 * 1.001, 12);
    expect(t.pnl).toBeCloseTo(qty * (99.9 - 103 * 1.001) - t.fees, 9);
  });

  it('in both directions reverses at the same open on an opposite signal', () => {
    const c = calm(6);
    const { trades, position } = run(c, { 1: LONG_ENTRY | SHORT_EXIT, 3: LONG_EXIT | SHORT_ENTRY }, { allowShort: true, slippageRate: 0.001 }, { mult: 10 });
    expect(trades.map((t) => [t.side, t.reason, t.entryTime / HOUR, t.exitTime / HOUR])).toEqual([
      ['long', 'signal', 2, 4],
      ['short', 'end', 4, 5],
    ]);
    expect(trades[0]!.exitPrice).toBeCloseTo(100 * 0.999, 12);
    expect(trades[1]!.entryPrice).toBeCloseTo(100 * 0.999, 12);
    expect(Array.from(position)).toEqual([0, 0, 1, 1, -1, -1]);
  });

  it('ignores short signals when only longs are allowed, and long signals when only shorts are', () => {
    const c = calm(6);
    expect(run(c, { 1: SHORT_ENTRY }).trades).toHaveLength(0);
    expect(run(c, { 1: LONG_ENTRY }, { allowLong: false, allowShort: true }).trades).toHaveLength(0);
  });

  it('does not trade conflicting long and short entries on the same bar', () => {
    const c = calm(6);
    expect(run(c, { 1: LONG_ENTRY | SHORT_ENTRY }, { allowShort: true }).trades).toHaveLength(0);
  });

  it('opens nothing more after a short has lost the whole account', () => {
    // A short at 100 and a gap to 250: the loss exceeds the capital and cash goes negative.
    const c = bars([
      [100, 101, 99, 100],
      [100, 101, 99, 100],
      [100, 100.5, 99.5, 100],
      [250, 251, 249, 250],
      [250, 251, 249, 250],
      [250, 251, 249, 250],
    ]);
    const { trades, final } = run(c, { 1: SHORT_ENTRY, 3: SHORT_ENTRY, 4: LONG_ENTRY }, { allowShort: true }, { atr: 1, mult: 1 });
    expect(trades).toHaveLength(1);
    expect(trades[0]!.return).toBeLessThan(-1);
    expect(final).toBeLessThan(0);
  });

  it('runs a window flat from its first bar: flags before it are ignored and equity starts at the capital', () => {
    const c = calm(8);
    const { trades, equity } = run(c, { 2: LONG_ENTRY, 4: LONG_ENTRY }, {}, { start: 3, end: 8 });
    expect(equity[0]).toBe(1000);
    expect(trades.map((t) => t.entryTime / HOUR)).toEqual([5]);
  });
});

describe('runBacktest on a hand-computed 30-bar series', () => {
  // emaFast 2, emaSlow 4, ATR 3, atrMult 1, fee 10 bps, slippage 5 bps, capital 100000.
  // Worked by hand (exact fractions) from the contract:
  //   EMA2 seeds at bar 1 with (100+101)/2 = 100.5, EMA4 at bar 3 with (100+101+102+103)/4 = 101.5;
  //   ATR3 seeds at bar 3 with mean(TR[1..3]) = (3+3+3)/3 = 3. First ready bar: max(1, 3, 3) + 1 = 4.
  // Trade 1: bar 10 fast 98.2828 > slow 98.0204 after bar 9 fast 96.8484 <= slow 97.3674 (cross up).
  //   Entry open[11] 99 * 1.0005 = 99.0495; qty = 100000 / (99.0495 * 1.001) = 1008.5876;
  //   stop = 99.0495 - ATR[10] 3.44307 = 95.60643. Bar 14 (open 105) trades down to 95 -> stop,
  //   exit 95.60643 * 0.9995 = 95.55862, held bars 11..14.
  // Trade 2: cross up at bar 19 (99.8084 > 99.0851 after 97.4251 <= 97.8084); entry open[20] 101 * 1.0005
  //   = 101.0505; stop 101.0505 - 4.79093 = 96.25957 never reached; cross down at bar 24 (101.2338 <
  //   102.0140 after 103.7013 >= 103.3566) -> exit open[25] 100 * 0.9995 = 99.95, held bars 20..24.
  // Trade 3: cross up at bar 27 (102.8605 > 102.1310 after 100.5815 <= 100.8850); entry open[28] 104 *
  //   1.0005 = 104.052; still open after bar 29 -> closed at close[29] 108 * 0.9995 = 107.946 ('end').
  const closes = [100, 101, 102, 103, 102, 100, 98, 97, 96, 97, 99, 102, 104, 105, 103, 99, 95, 96, 98, 101, 103, 104, 106, 103, 100, 99, 101, 104, 106, 108];
  const opens = [100, ...closes.slice(0, -1)];
  const highs = closes.map((c, i) => Math.max(opens[i]!, c) + 1);
  const lows = closes.map((c, i) => Math.min(opens[i]!, c) - 1);
  lows[14] = 95;
  opens[27] = 99;
  lows[27] = 98;
  highs[27] = 105;
  opens[29] = 107;
  highs[29] = 109;
  lows[29] = 106;
  const candles = candlesFromRows(closes.map((c, i) => [i * HOUR, opens[i]!, highs[i]!, lows[i]!, c, 10]));
  const result = runBacktest(candles, {
    timeframe: '1h',
    params: { emaFast: 2, emaSlow: 4, atr: 3, atrMult: 1 },
    feeBps: 10,
    slippageBps: 5,
  });

  it('produces exactly the hand-computed trade list', () => {
    const expected = [
      { entry: 11, exit: 14, entryPrice: 99.0495, exitPrice: 95.5586240840192, qty: 1008.587624370642, fees: 196.27934555312805, pnl: -3717.1335926248876, ret: -0.037171335926248876, held: 4, reason: 'stop' },
      { entry: 20, exit: 25, entryPrice: 101.0505, exitPrice: 99.95, qty: 951.8674299251113, fees: 191.32582934866235, pnl: -1238.8559359812473, ret: -0.01286683687562456, held: 5, reason: 'signal' },
      { entry: 28, exit: 29, entryPrice: 104.052, exitPrice: 107.946, qty: 912.5154865834763, fees: 193.4514581247238, pnl: 3359.883846631333, ret: 0.03535082147698916, held: 2, reason: 'end' },
    ];
    expect(result.trades).toHaveLength(expected.length);
    result.trades.forEach((t, k) => {
      const e = expected[k]!;
      expect(t.side).toBe('long');
      expect(t.entryTime).toBe(e.entry * HOUR);
      expect(t.exitTime).toBe(e.exit * HOUR);
      expect(t.entryPrice).toBeCloseTo(e.entryPrice, 9);
      expect(t.exitPrice).toBeCloseTo(e.exitPrice, 9);
      expect(t.qty).toBeCloseTo(e.qty, 8);
      expect(t.fees).toBeCloseTo(e.fees, 8);
      expect(t.pnl).toBeCloseTo(e.pnl, 7);
      expect(t.return).toBeCloseTo(e.ret, 12);
      expect(t.barsHeld).toBe(e.held);
      expect(t.reason).toBe(e.reason);
    });
  });

  it('produces the hand-computed equity curve and final equity', () => {
    const expected = [
      ...new Array<number>(11).fill(100000),
      102875.93768580547, 104893.11293454676, 105901.70055891741, 96282.86640737511, 96282.86640737511, 96282.86640737511, 96282.86640737511,
      96282.86640737511, 96282.86640737511, 98042.34528228646, 98994.21271221158, 100897.9475720618, 98042.34528228646, 95186.74299251114,
      95044.01047139386, 95044.01047139386, 95044.01047139386, 96726.6415778485, 98403.8943180252,
    ];
    expect(result.equity).toHaveLength(30);
    expected.forEach((e, i) => expect(result.equity[i]).toBeCloseTo(e, 7));
    expect(result.metrics.finalEquity).toBeCloseTo(98403.8943180252, 7);
    expect(result.metrics.trades).toBe(3);
    expect(result.metrics.winRate).toBeCloseTo(1 / 3, 15);
    expect(result.metrics.maxConsecutiveLosses).toBe(2);
    expect(result.metrics.exposure).toBeCloseTo((4 + 5 + 2) / 30, 15);
    expect(result.metrics.profitFactor).toBeCloseTo(3359.883846631333 / (3717.1335926248876 + 1238.8559359812473), 9);
  });
});
