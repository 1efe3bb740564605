import type { Candles } from '../candles';
import { LONG_ENTRY, LONG_EXIT, SHORT_ENTRY, SHORT_EXIT } from '../strategies/types';
import {
  TS_BARS_HELD,
  TS_COUNT,
  TS_DOWN_R2,
  TS_GROSS_LOSS,
  TS_GROSS_PROFIT,
  TS_LOSSES,
  TS_LOSS_STREAK,
  TS_MAX_DD,
  TS_MAX_LOSS_STREAK,
  TS_SLOTS,
  TS_SUM_R,
  TS_SUM_R2,
  TS_SUM_RETURN,
  TS_WINS,
  type ExitReason,
  type Trade,
} from './types';

export interface SimConfig {
  initialCapital: number;
  /** Fee as a fraction of traded notional (feeBps / 10000). */
  feeRate: number;
  /** Slippage as a fraction of price (slippageBps / 10000), always against the trader. */
  slippageRate: number;
  allowLong: boolean;
  allowShort: boolean;
}

/** Where the simulator writes; every array is allocated by the caller and reused across runs. */
export interface SimOutputs {
  /** Equity at each bar close of the window: length >= end - start. */
  equity: Float64Array;
  /** Accumulator of TS_SLOTS slots (trade statistics and bar-return sums), overwritten by each run. */
  tradeStats: Float64Array;
  /** When given, every closed trade is appended here. */
  trades: Trade[] | null;
  /** When given, the position held at each bar close (1 long, -1 short, 0 flat). */
  position: Int8Array | null;
}

export function createTradeStats(): Float64Array {
  return new Float64Array(TS_SLOTS);
}

/**
 * The bar-by-bar simulator every strategy shares. It runs bars [start, end)
 * of `candles`, starting flat with `initialCapital`, and follows these rules
 * (the emaCross contract):
 *
 * - Flags set at the close of bar i execute at the open of bar i+1; flags on
 *   the window's last bar are never executed. Entry fill = open * (1 + slip)
 *   for a long, open * (1 - slip) for a short.
 * - Sizing is all-in: qty = cash / (fill * (1 + fee)); the entry fee is
 *   qty * fill * fee. A short credits qty * fill - fee to cash.
 * - The stop is fixed at entry: fill - stopMult * stopAtr[i] for a long
 *   (i = the signal bar), fill + ... for a short. On every bar from the entry
 *   bar on, the stop is checked first: a long exits at min(open, stop) *
 *   (1 - slip) when low <= stop; a short at max(open, stop) * (1 + slip) when
 *   high >= stop. Only if the stop did not trigger do the bar's close flags
 *   apply.
 * - When long: LONG_EXIT (or SHORT_ENTRY if shorts are allowed) exits at the
 *   next open; with shorts allowed, SHORT_ENTRY also opens the short at that
 *   same open. Shorts mirror this. When flat: LONG_ENTRY opens a long if longs
 *   are allowed, SHORT_ENTRY a short if shorts are allowed; if both fire and
 *   both are allowed, the conflict is not traded.
 * - Equity is marked at each bar close: cash + qty * close for a long, cash -
 *   qty * close for a short; equity[0] (the close of bar `start`) is the
 *   initial capital. A position still open after the last bar is closed at
 *   the last close * (1 -/+ slip) with its fee (reason `end`), and the last
 *   equity point is the cash after that close.
 * - After a short loses more than the account (cash <= 0) no new position is
 *   opened: the account is ruined.
 *
 * Besides the equity curve it fills `out.tradeStats` with the trade
 * statistics and the bar-return sums metricsFromStats needs, so the metrics
 * cost no second pass. Returns the final equity. Nothing is allocated per bar;
 * a Trade object is allocated per closed trade only when `out.trades` is given.
 */
export function simulate(
  candles: Candles,
  flags: Uint8Array,
  stopAtr: Float64Array,
  stopMult: number,
  cfg: SimConfig,
  start: number,
  end: number,
  out: SimOutputs,
): number {
  const { openTime, open, high, low, close } = candles;
  const fee = cfg.feeRate;
  const slip = cfg.slippageRate;
  const allowLong = cfg.allowLong;
  const allowShort = cfg.allowShort;
  const equity = out.equity;
  const ts = out.tradeStats;
  const trades = out.trades;
  const position = out.position;
  ts.fill(0);
  if (position !== null) position.fill(0, 0, end - start);

  // Flags that make each state act at the next open.
  const entryMask = (allowLong ? LONG_ENTRY : 0) | (allowShort ? SHORT_ENTRY : 0);
  const longExitMask = LONG_EXIT | (allowShort ? SHORT_ENTRY : 0);
  const shortExitMask = SHORT_EXIT | (allowLong ? LONG_ENTRY : 0);

  let cash = cfg.initialCapital;
  let pos = 0;
  let qty = 0;
  let entryPrice = 0;
  let entryFee = 0;
  let entryIdx = 0;
  let capAtEntry = 0;
  let stop = 0;
  const last = end - 1;
  equity[0] = cash;

  // Bar-return statistics, accumulated exactly as scanEquity does over a finished curve. A flat
  // bar repeats the previous equity (r = 0, no new peak), so flat stretches need no arithmetic.
  let prevE = cash;
  let sumR = 0;
  let sumR2 = 0;
  let downR2 = 0;
  let peak = cash;
  let invPeak = 1 / cash;
  let maxDd = 0;

  // Bar j executes what the close of bar j-1 decided (j - 1 < last always holds here), then
  // checks the stop, then marks to market. Between events the state is steady, so the inner
  // loops only mark equity until the next bar on which something can happen; they stop
  // before the last bar, which always takes the full path (it may close a position).
  let j = start + 1;
  while (j < end) {
    if (pos === 0) {
      while (j < last && (flags[j - 1]! & entryMask) === 0) {
        equity[j - start] = cash;
        j++;
      }
      const f = flags[j - 1]!;
      const goLong = allowLong && (f & LONG_ENTRY) !== 0;
      const goShort = allowShort && (f & SHORT_ENTRY) !== 0;
      if (goLong !== goShort && cash > 0) {
        const side = goLong ? 1 : -1;
        const px = side > 0 ? open[j]! * (1 + slip) : open[j]! * (1 - slip);
        const dist = stopMult * stopAtr[j - 1]!;
        capAtEntry = cash;
        qty = cash / (px * (1 + fee));
        entryFee = qty * px * fee;
        if (side > 0) {
          cash -= qty * px + entryFee;
          stop = px - dist;
        } else {
          cash += qty * px - entryFee;
          stop = px + dist;
        }
        pos = side;
        entryPrice = px;
        entryIdx = j;
      }
    } else if (pos > 0) {
      while (j < last && (flags[j - 1]! & longExitMask) === 0 && low[j]! > stop) {
        const e = cash + qty * close[j]!;
        equity[j - start] = e;
        const r = prevE > 0 ? e / prevE - 1 : 0;
        sumR += r;
        sumR2 += r * r;
        const neg = Math.min(r, 0);
        downR2 += neg * neg;
        if (e > peak) {
          peak = e;
          invPeak = 1 / e;
        }
        maxDd = Math.min(maxDd, e * invPeak - 1);
        prevE = e;
        j++;
      }
      const f = flags[j - 1]!;
      if ((f & longExitMask) !== 0) {
        const px = open[j]! * (1 - slip);
        const exitFee = qty * px * fee;
        cash += qty * px - exitFee;
        recordTrade(ts, trades, openTime, 1, entryIdx, j, entryPrice, px, qty, entryFee, exitFee, capAtEntry, j - entryIdx, 'signal');
        if (position !== null) position.fill(1, entryIdx - start, j - start);
        pos = 0;
        qty = 0;
        if (allowShort && (f & SHORT_ENTRY) !== 0 && cash > 0) {
          const epx = open[j]! * (1 - slip);
          capAtEntry = cash;
          qty = cash / (epx * (1 + fee));
          entryFee = qty * epx * fee;
          cash += qty * epx - entryFee;
          stop = epx + stopMult * stopAtr[j - 1]!;
          pos = -1;
          entryPrice = epx;
          entryIdx = j;
        }
      }
    } else {
      while (j < last && (flags[j - 1]! & shortExitMask) === 0 && high[j]! < stop) {
        const e = cash - qty * close[j]!;
        equity[j - start] = e;
        const r = prevE > 0 ? e / prevE - 1 : 0;
        sumR += r;
        sumR2 += r * r;
        const neg = Math.min(r, 0);
        downR2 += neg * neg;
        if (e > peak) {
          peak = e;
          invPeak = 1 / e;
        }
        maxDd = Math.min(maxDd, e * invPeak - 1);
        prevE = e;
        j++;
      }
      const f = flags[j - 1]!;
      if ((f & shortExitMask) !== 0) {
        const px = open[j]! * (1 + slip);
        const exitFee = qty * px * fee;
        cash -= qty * px + exitFee;
        recordTrade(ts, trades, openTime, -1, entryIdx, j, entryPrice, px, qty, entryFee, exitFee, capAtEntry, j - entryIdx, 'signal');
        if (position !== null) position.fill(-1, entryIdx - start, j - start);
        pos = 0;
        qty = 0;
        if (allowLong && (f & LONG_ENTRY) !== 0 && cash > 0) {
          const epx = open[j]! * (1 + slip);
          capAtEntry = cash;
          qty = cash / (epx * (1 + fee));
          entryFee = qty * epx * fee;
          cash -= qty * epx + entryFee;
          stop = epx - stopMult * stopAtr[j - 1]!;
          pos = 1;
          entryPrice = epx;
          entryIdx = j;
        }
      }
    }
    // The event bar itself: the stop is checked first, from the entry bar on.
    if (pos > 0 && low[j]! <= stop) {
      const o = open[j]!;
      const px = (o < stop ? o : stop) * (1 - slip);
      const exitFee = qty * px * fee;
      cash += qty * px - exitFee;
      recordTrade(ts, trades, openTime, 1, entryIdx, j, entryPrice, px, qty, entryFee, exitFee, capAtEntry, j - entryIdx + 1, 'stop');
      if (position !== null) position.fill(1, entryIdx - start, j - start);
      pos = 0;
      qty = 0;
    } else if (pos < 0 && high[j]! >= stop) {
      const o = open[j]!;
      const px = (o > stop ? o : stop) * (1 + slip);
      const exitFee = qty * px * fee;
      cash -= qty * px + exitFee;
      recordTrade(ts, trades, openTime, -1, entryIdx, j, entryPrice, px, qty, entryFee, exitFee, capAtEntry, j - entryIdx + 1, 'stop');
      if (position !== null) position.fill(-1, entryIdx - start, j - start);
      pos = 0;
      qty = 0;
    }
    let e = pos === 0 ? cash : pos > 0 ? cash + qty * close[j]! : cash - qty * close[j]!;
    if (j === last && pos !== 0) {
      // A position still open after the last bar is closed at its close; the last point is the cash.
      const px = pos > 0 ? close[last]! * (1 - slip) : close[last]! * (1 + slip);
      const exitFee = qty * px * fee;
      if (pos > 0) cash += qty * px - exitFee;
      else cash -= qty * px + exitFee;
      recordTrade(ts, trades, openTime, pos, entryIdx, last, entryPrice, px, qty, entryFee, exitFee, capAtEntry, last - entryIdx + 1, 'end');
      if (position !== null) position.fill(pos, entryIdx - start, end - start);
      pos = 0;
      qty = 0;
      e = cash;
    }
    equity[j - start] = e;
    const r = prevE > 0 ? e / prevE - 1 : 0;
    sumR += r;
    sumR2 += r * r;
    const neg = Math.min(r, 0);
    downR2 += neg * neg;
    if (e > peak) {
      peak = e;
      invPeak = 1 / e;
    }
    maxDd = Math.min(maxDd, e * invPeak - 1);
    prevE = e;
    j++;
  }

  ts[TS_SUM_R] = sumR;
  ts[TS_SUM_R2] = sumR2;
  ts[TS_DOWN_R2] = downR2;
  ts[TS_MAX_DD] = maxDd;
  return cash;
}

function recordTrade(
  ts: Float64Array,
  trades: Trade[] | null,
  openTime: Float64Array,
  side: number,
  entryIdx: number,
  exitIdx: number,
  entryPrice: number,
  exitPrice: number,
  qty: number,
  entryFee: number,
  exitFee: number,
  capAtEntry: number,
  barsHeld: number,
  reason: ExitReason,
): void {
  const fees = entryFee + exitFee;
  const pnl = (side > 0 ? qty * (exitPrice - entryPrice) : qty * (entryPrice - exitPrice)) - fees;
  const ret = pnl / capAtEntry;
  ts[TS_COUNT]! += 1;
  ts[TS_SUM_RETURN]! += ret;
  ts[TS_BARS_HELD]! += barsHeld;
  if (pnl > 0) {
    ts[TS_WINS]! += 1;
    ts[TS_GROSS_PROFIT]! += pnl;
    ts[TS_LOSS_STREAK] = 0;
  } else if (pnl < 0) {
    ts[TS_LOSSES]! += 1;
    ts[TS_GROSS_LOSS]! -= pnl;
    const streak = ts[TS_LOSS_STREAK]! + 1;
    ts[TS_LOSS_STREAK] = streak;
    if (streak > ts[TS_MAX_LOSS_STREAK]!) ts[TS_MAX_LOSS_STREAK] = streak;
  } else {
    ts[TS_LOSS_STREAK] = 0;
  }
  if (trades !== null) {
    trades.push({
      entryTime: openTime[entryIdx]!,
      exitTime: openTime[exitIdx]!,
      side: side > 0 ? 'long' : 'short',
      entryPrice,
      exitPrice,
      qty,
      fees,
      pnl,
      return: ret,
      barsHeld,
      reason,
    });
  }
}
