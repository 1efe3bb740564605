/**
 * The emaCross backtest written as the tightest single loop over
 * Float64Arrays: EMAs, Wilder ATR, cross detection, stop, fills and the
 * equity statistics all in one pass, with no buffers, no trade records and no
 * abstraction. It is the speed limit the engine is measured against in the
 * same run, and an independent implementation of the contract (long only)
 * that tests compare the engine with.
 */
export interface TightResult {
  finalEquity: number;
  trades: number;
  sharpe: number;
  maxDrawdown: number;
}

export function tightEmaCross(
  open: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  fastN: number,
  slowN: number,
  atrN: number,
  atrMult: number,
  feeRate: number,
  slipRate: number,
  capital: number,
  periodsPerYear: number,
): TightResult {
  const n = close.length;
  const af = 2 / (fastN + 1);
  const as = 2 / (slowN + 1);
  const ready = Math.max(fastN - 1, slowN - 1, atrN) + 1;
  const atrKeep = (atrN - 1) / atrN;
  const atrInv = 1 / atrN;
  let fast = 0;
  let slow = 0;
  let atr = 0;
  let sumF = 0;
  let sumS = 0;
  let sumTr = 0;
  let prevFast = NaN;
  let prevSlow = NaN;
  let cash = capital;
  let qty = 0;
  let inPos = false;
  let stop = 0;
  let pendingEntry = false;
  let pendingExit = false;
  let pendingStop = 0;
  let trades = 0;
  let prevEq = capital;
  let peak = capital;
  let maxDd = 0;
  let sumR = 0;
  let sumR2 = 0;
  for (let i = 0; i < n; i++) {
    const c = close[i]!;
    if (i < fastN) {
      sumF += c;
      if (i === fastN - 1) fast = sumF / fastN;
    } else fast = af * c + (1 - af) * fast;
    if (i < slowN) {
      sumS += c;
      if (i === slowN - 1) slow = sumS / slowN;
    } else slow = as * c + (1 - as) * slow;
    if (i > 0) {
      const h = high[i]!;
      const l = low[i]!;
      const pc = close[i - 1]!;
      const tr = Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
      if (i <= atrN) {
        sumTr += tr;
        if (i === atrN) atr = sumTr / atrN;
      } else atr = atr * atrKeep + tr * atrInv;
      if (pendingExit) {
        const px = open[i]! * (1 - slipRate);
        cash += qty * px * (1 - feeRate);
        qty = 0;
        inPos = false;
        pendingExit = false;
        trades++;
      }
      if (pendingEntry) {
        const px = open[i]! * (1 + slipRate);
        qty = cash / (px * (1 + feeRate));
        cash -= qty * px * (1 + feeRate);
        stop = px - pendingStop;
        inPos = true;
        pendingEntry = false;
      }
      if (inPos && low[i]! <= stop) {
        const o = open[i]!;
        const px = (o < stop ? o : stop) * (1 - slipRate);
        cash += qty * px * (1 - feeRate);
        qty = 0;
        inPos = false;
        trades++;
      }
      if (inPos && i === n - 1) {
        cash += qty * c * (1 - slipRate) * (1 - feeRate);
        qty = 0;
        inPos = false;
        trades++;
      }
      const eq = inPos ? cash + qty * c : cash;
      const r = eq / prevEq - 1;
      sumR += r;
      sumR2 += r * r;
      if (eq > peak) peak = eq;
      const dd = eq / peak - 1;
      if (dd < maxDd) maxDd = dd;
      prevEq = eq;
    }
    if (i >= ready && i < n - 1) {
      if (!inPos && fast > slow && prevFast <= prevSlow) {
        pendingEntry = true;
        pendingStop = atrMult * atr;
      } else if (inPos && fast < slow && prevFast >= prevSlow) {
        pendingExit = true;
      }
    }
    prevFast = fast;
    prevSlow = slow;
  }
  const m = n - 1;
  const mean = sumR / m;
  const variance = (sumR2 - sumR * mean) / (m - 1);
  return {
    finalEquity: cash,
    trades,
    sharpe: variance > 0 ? (mean / Math.sqrt(variance)) * Math.sqrt(periodsPerYear) : 0,
    maxDrawdown: maxDd,
  };
}
