/**
 * The offline demo feed: seeded, synthetic, reproducible candles.
 *
 * Model, top-down:
 * 1. Daily path per symbol, computed once over 2019-10-01..2031-01-01:
 *    - a market-wide volatility regime (calm / normal / turbulent / crisis, a sticky
 *      Markov chain) scales every symbol's volatility;
 *    - GARCH(1,1) variance (Bollerslev 1986) for a shared market factor and for each
 *      symbol's own factor, driven by unit-variance Student-t(5) shocks (fat tails);
 *    - a symbol's daily return is vol * regime * (loading * market + sqrt(1 - loading^2) * own),
 *      so cross-asset correlation is about loading_a * loading_b;
 *    - a piecewise-linear drift pins the log price to the anchors in symbols.ts (month or
 *      quarter ends); after the last anchor the path runs free.
 * 2. Each bar is split into the bars of the next finer timeframe
 *    (1d -> 6 x 4h -> 4 x 1h -> 2 x 30m -> 2 x 15m -> 3 x 5m -> 5 x 1m): child variances
 *    are a log-normal cascade of the parent's (Mandelbrot-Calvet-Fisher multifractal
 *    idea: volatility clusters at every scale), child shocks mix market and own draws,
 *    and the children's closes are a Gaussian bridge from the parent's open to its close.
 * 3. A bar's high and low are the larger (smaller) of a Brownian-bridge extreme,
 *    max = (a + b + sqrt((b - a)^2 - 2 v ln U)) / 2, and its own children's closes (one
 *    level of look-ahead, reused when that bar is split), clipped to the parent's range.
 *    A child close that still falls outside the parent's range is folded back into it.
 *    The child whose body reaches highest takes the parent's high as its wick (likewise
 *    for the low), so every timeframe aggregates exactly to the next: opens, highs, lows
 *    and closes agree at shared instants and volumes split the parent's.
 *
 * Known property: folding damps the finest timeframes a little (1m variance per minute
 * runs ~20-30 % below the daily figure), a price paid for exact cross-timeframe agreement.
 *
 * Every random draw is keyed by (symbol, purpose, bar index, level), never by the
 * requested window, so a bar is identical whatever range asks for it.
 */
import { MarketDataError } from '../errors';
import { TIMEFRAME_MS, emptyCandles, type Candles, type Timeframe } from '../types';
import { KeyedStream } from './rng';
import { DEMO_START, DEMO_SYMBOLS, DEMO_SYMBOL_NAMES, findDemoSymbol, type DemoSymbol } from './symbols';

const DAY_MS = 86_400_000;
const PATH_START = Date.parse('2019-10-01T00:00:00Z');
/** Exclusive end of the demo series. */
export const DEMO_END = Date.parse('2031-01-01T00:00:00Z');
const PATH_DAYS = (DEMO_END - PATH_START) / DAY_MS;

/** Levels from daily down; `split` is how many bars of this level make one of the level above. */
const LEVELS: readonly { timeframe: Timeframe; split: number }[] = [
  { timeframe: '1d', split: 1 },
  { timeframe: '4h', split: 6 },
  { timeframe: '1h', split: 4 },
  { timeframe: '30m', split: 2 },
  { timeframe: '15m', split: 2 },
  { timeframe: '5m', split: 3 },
  { timeframe: '1m', split: 5 },
];

const MARKET = 0;
const enum Purpose {
  Regime = 1,
  DailyShock = 2,
  Range = 3,
  Path = 5,
}

/** Volatility multiplier per regime and the daily chance of leaving it. */
const REGIME_VOL = [0.6, 1.0, 1.5, 2.3] as const;
const REGIME_EXIT = [1 / 50, 1 / 70, 1 / 30, 1 / 12] as const;
/** GARCH(1,1) persistence typical of daily crypto returns; long-run variance 1. */
const GARCH_ALPHA = 0.1;
const GARCH_BETA = 0.87;
const GARCH_OMEGA = 1 - GARCH_ALPHA - GARCH_BETA;
/** Cascade: dispersion of log child variance, its autocorrelation across siblings, share of the market in it. */
const CASCADE_SIGMA = 0.4;
const CASCADE_PHI = 0.8;
const CASCADE_MARKET = 0.75;
const CASCADE_OWN = Math.sqrt(1 - CASCADE_MARKET * CASCADE_MARKET);
const CASCADE_INNOVATION = Math.sqrt(1 - CASCADE_PHI * CASCADE_PHI);
/** Intraday shocks load a little more on the market than daily ones (hourly BTC-ETH correlation ~0.8). */
const INTRADAY_LOADING_BOOST = 0.06;

/** Log-space bars of one level: open, high, low, close, variance of the log return, volume. */
interface LevelBars {
  firstOpen: number;
  step: number;
  o: Float64Array;
  h: Float64Array;
  l: Float64Array;
  c: Float64Array;
  v: Float64Array;
  vol: Float64Array;
  /** Child paths already built by the look-ahead, reused by the next split: `split` values per bar. */
  paths?: StoredPaths;
}

/** Child paths of consecutive bars: closes (k + 1 per bar), variances and cascade weights (k per bar). */
interface StoredPaths {
  k: number;
  p: Float64Array;
  vi: Float64Array;
  w: Float64Array;
}

function allocLevel(firstOpen: number, step: number, n: number): LevelBars {
  return {
    firstOpen,
    step,
    o: new Float64Array(n),
    h: new Float64Array(n),
    l: new Float64Array(n),
    c: new Float64Array(n),
    v: new Float64Array(n),
    vol: new Float64Array(n),
  };
}

function sliceLevel(bars: LevelBars, from: number, to: number): LevelBars {
  return {
    firstOpen: bars.firstOpen + from * bars.step,
    step: bars.step,
    o: bars.o.subarray(from, to),
    h: bars.h.subarray(from, to),
    l: bars.l.subarray(from, to),
    c: bars.c.subarray(from, to),
    v: bars.v.subarray(from, to),
    vol: bars.vol.subarray(from, to),
    ...(bars.paths
      ? {
          paths: {
            k: bars.paths.k,
            p: bars.paths.p.subarray(from * (bars.paths.k + 1), to * (bars.paths.k + 1)),
            vi: bars.paths.vi.subarray(from * bars.paths.k, to * bars.paths.k),
            w: bars.paths.w.subarray(from * bars.paths.k, to * bars.paths.k),
          },
        }
      : {}),
  };
}

/** Maximum and minimum of a Brownian bridge from a to b with variance v, by inverse transform of U. */
function bridgeMax(a: number, b: number, v: number, u: number): number {
  return (a + b + Math.sqrt((b - a) * (b - a) - 2 * v * Math.log(u))) / 2;
}
function bridgeMin(a: number, b: number, v: number, u: number): number {
  return (a + b - Math.sqrt((b - a) * (b - a) - 2 * v * Math.log(u))) / 2;
}

/**
 * The path of a bar's children: closes p[0..k] from the bar's open to its close and the
 * children's variances vi[0..k-1]. A pure function of (symbol, bar, level) keys and the
 * bar's open, close and variance, so the look-ahead (to set a bar's high and low) and the
 * later split of that bar compute the very same path.
 */
class ChildPath {
  readonly p = new Float64Array(9);
  private readonly x = new Float64Array(8);
  readonly vi = new Float64Array(8);
  readonly w = new Float64Array(8);
  private readonly market = new KeyedStream();
  private readonly own = new KeyedStream();

  build(sym: DemoSymbol, O: number, C: number, V: number, barIndex: number, childLevel: number, k: number): void {
    const { p, x, vi, w } = this;
    this.market.reseed(MARKET, Purpose.Path, barIndex, childLevel);
    this.own.reseed(sym.id, Purpose.Path, barIndex, childLevel);
    const rho = Math.min(0.97, sym.loading + INTRADAY_LOADING_BOOST);
    const idio = Math.sqrt(1 - rho * rho);
    // Child variances: the bar's split evenly, times mean-one log-normal multipliers that are
    // autocorrelated across siblings. They need not sum to the bar's: the bridge pins the total.
    let g = 0;
    let sumV = 0;
    for (let i = 0; i < k; i++) {
      const e = CASCADE_MARKET * this.market.normal() + CASCADE_OWN * this.own.normal();
      g = i === 0 ? e : CASCADE_PHI * g + CASCADE_INNOVATION * e;
      w[i] = Math.exp(CASCADE_SIGMA * g - (CASCADE_SIGMA * CASCADE_SIGMA) / 2);
      vi[i] = (V * w[i]!) / k;
      sumV += vi[i]!;
    }
    // Gaussian bridge: draw free increments, then spread the gap between their sum and the
    // bar's return by variance share (the conditional law of Gaussian increments given their sum).
    let X = 0;
    for (let i = 0; i < k; i++) {
      x[i] = Math.sqrt(vi[i]!) * (rho * this.market.normal() + idio * this.own.normal());
      X += x[i]!;
    }
    const gap = C - O - X;
    let cum = 0;
    p[0] = O;
    for (let i = 0; i < k - 1; i++) {
      cum += x[i]! + (gap * vi[i]!) / sumV;
      p[i + 1] = O + cum;
    }
    p[k] = C;
  }

  save(store: StoredPaths, bar: number): void {
    const k = store.k;
    const { p, vi, w } = this;
    const po = bar * (k + 1);
    const vo = bar * k;
    for (let i = 0; i <= k; i++) store.p[po + i] = p[i]!;
    for (let i = 0; i < k; i++) {
      store.vi[vo + i] = vi[i]!;
      store.w[vo + i] = w[i]!;
    }
  }

  load(store: StoredPaths, bar: number): void {
    const k = store.k;
    const { p, vi, w } = this;
    const po = bar * (k + 1);
    const vo = bar * k;
    for (let i = 0; i <= k; i++) p[i] = store.p[po + i]!;
    for (let i = 0; i < k; i++) {
      vi[i] = store.vi[vo + i]!;
      w[i] = store.w[vo + i]!;
    }
  }

  /** Highest and lowest interior close (the children's closes except the last, which is the bar's). */
  interiorMax(k: number): number {
    let m = -Infinity;
    for (let i = 1; i < k; i++) if (this.p[i]! > m) m = this.p[i]!;
    return m;
  }
  interiorMin(k: number): number {
    let m = Infinity;
    for (let i = 1; i < k; i++) if (this.p[i]! < m) m = this.p[i]!;
    return m;
  }

  /**
   * Keeps the path inside [L, H] by folding any close that leaves the range back into it
   * (reflection at the boundary, as a reflected random walk does). Folding keeps the size
   * of the moves, so variance scales across timeframes; shrinking the path would damp it.
   */
  fitInside(k: number, H: number, L: number): void {
    const p = this.p;
    const width = H - L;
    if (!(width > 0)) {
      for (let i = 1; i < k; i++) p[i] = H;
      return;
    }
    for (let i = 1; i < k; i++) {
      const x = p[i]!;
      if (x <= H && x >= L) continue;
      // Position on a circle of circumference 2 * width, unfolded onto [L, H].
      let m = (x - L) % (2 * width);
      if (m < 0) m += 2 * width;
      p[i] = m <= width ? L + m : L + 2 * width - m;
    }
  }
}

let dailyCache: Map<number, LevelBars> | undefined;

/** The daily level of every symbol, built once per process (~4,100 days x 6 symbols). */
function dailyPaths(): Map<number, LevelBars> {
  if (dailyCache) return dailyCache;
  const n = PATH_DAYS;
  const rng = new KeyedStream();
  const regimeVol = new Float64Array(n);
  const marketShock = new Float64Array(n);
  const marketVar = new Float64Array(n);
  let state = 1;
  let h = 1;
  for (let d = 0; d < n; d++) {
    rng.reseed(MARKET, Purpose.Regime, d, 0);
    if (rng.uniform() < REGIME_EXIT[state as 0 | 1 | 2 | 3]!) {
      const others = [0, 1, 2, 3].filter((s) => s !== state);
      state = others[Math.floor(rng.uniform() * others.length)]!;
    }
    regimeVol[d] = REGIME_VOL[state as 0 | 1 | 2 | 3]!;
    rng.reseed(MARKET, Purpose.DailyShock, d, 0);
    marketVar[d] = h;
    const shock = Math.sqrt(h) * rng.studentT5();
    marketShock[d] = shock;
    h = GARCH_OMEGA + GARCH_ALPHA * shock * shock + GARCH_BETA * h;
  }

  const out = new Map<number, LevelBars>();
  const path = new ChildPath();
  const firstSplit = LEVELS[1]!.split;
  for (const sym of DEMO_SYMBOLS) {
    const bars = allocLevel(PATH_START, DAY_MS, n);
    const rawLog = new Float64Array(n);
    const ret = new Float64Array(n);
    const idioRho = Math.sqrt(1 - sym.loading * sym.loading);
    let hs = 1;
    let cum = 0;
    for (let d = 0; d < n; d++) {
      rng.reseed(sym.id, Purpose.DailyShock, d, 0);
      const own = Math.sqrt(hs) * rng.studentT5();
      const scale = sym.dailyVol * regimeVol[d]!;
      const r = scale * (sym.loading * marketShock[d]! + idioRho * own);
      bars.v[d] = scale * scale * (sym.loading * sym.loading * marketVar[d]! + idioRho * idioRho * hs);
      hs = GARCH_OMEGA + GARCH_ALPHA * own * own + GARCH_BETA * hs;
      cum += r;
      rawLog[d] = cum;
      ret[d] = r;
    }
    const correction = anchorCorrection(sym, rawLog);
    for (let d = 0; d < n; d++) {
      const close = rawLog[d]! + correction[d]!;
      const open = d === 0 ? close - ret[0]! : bars.c[d - 1]!;
      const v = bars.v[d]!;
      const dayIndex = (PATH_START + d * DAY_MS) / DAY_MS;
      rng.reseed(sym.id, Purpose.Range, dayIndex, 0);
      path.build(sym, open, close, v, dayIndex, 1, firstSplit);
      bars.o[d] = open;
      bars.c[d] = close;
      bars.h[d] = Math.max(bridgeMax(open, close, v, rng.uniform()), path.interiorMax(firstSplit));
      bars.l[d] = Math.min(bridgeMin(open, close, v, rng.uniform()), path.interiorMin(firstSplit));
      const surprise = Math.min(4, Math.abs(close - open) / Math.sqrt(v));
      bars.vol[d] = sym.dailyVolume * Math.exp(0.3 * rng.normal() - 0.045) * (0.55 + 0.45 * surprise) * Math.sqrt(regimeVol[d]!);
    }
    out.set(sym.id, bars);
  }
  dailyCache = out;
  return out;
}

/** Per-day log correction that pins the path to the anchors, linear in between, flat outside. */
function anchorCorrection(sym: DemoSymbol, rawLog: Float64Array): Float64Array {
  const n = rawLog.length;
  const points = sym.anchors.map(([date, price]) => {
    const day = Math.round((Date.parse(`${date}T00:00:00Z`) - PATH_START) / DAY_MS);
    return { day, delta: Math.log(price) - rawLog[day]! };
  });
  const out = new Float64Array(n);
  let k = 0;
  for (let d = 0; d < n; d++) {
    while (k < points.length - 1 && points[k + 1]!.day <= d) k++;
    const a = points[k]!;
    const b = points[k + 1];
    if (d <= a.day || !b) out[d] = a.delta;
    else out[d] = a.delta + ((b.delta - a.delta) * (d - a.day)) / (b.day - a.day);
  }
  return out;
}

/** Mild intraday volume seasonality, peaking mid-afternoon UTC when US and EU sessions overlap. */
function volumeSeason(openTime: number): number {
  const hour = (openTime % DAY_MS) / 3_600_000;
  return 1 + 0.3 * Math.cos((2 * Math.PI * (hour - 14)) / 24);
}

const outerPath = new ChildPath();
const innerPath = new ChildPath();
const rangeStream = new KeyedStream();
const volumeWeights = new Float64Array(8);

/** Splits every parent bar into the bars of `level` (the children's level index). */
function split(parent: LevelBars, level: number, sym: DemoSymbol): LevelBars {
  const { timeframe, split: k } = LEVELS[level]!;
  const childStep = TIMEFRAME_MS[timeframe];
  const next = LEVELS[level + 1];
  const n = parent.o.length;
  const out = allocLevel(parent.firstOpen, childStep, n * k);
  if (next) {
    out.paths = {
      k: next.split,
      p: new Float64Array(n * k * (next.split + 1)),
      vi: new Float64Array(n * k * next.split),
      w: new Float64Array(n * k * next.split),
    };
  }
  const stored = parent.paths;
  const { p, vi, w } = outerPath;
  for (let j = 0; j < n; j++) {
    const parentOpen = parent.firstOpen + j * parent.step;
    const H = parent.h[j]!;
    const L = parent.l[j]!;
    if (stored) outerPath.load(stored, j);
    else outerPath.build(sym, parent.o[j]!, parent.c[j]!, parent.v[j]!, parentOpen / parent.step, level, k);
    outerPath.fitInside(k, H, L);

    let top = -Infinity;
    let topAt = 0;
    let bottom = Infinity;
    let bottomAt = 0;
    let sumU = 0;
    const base = j * k;
    for (let i = 0; i < k; i++) {
      const co = p[i]!;
      const cc = p[i + 1]!;
      const v = vi[i]!;
      const childOpen = parentOpen + i * childStep;
      const childIndex = childOpen / childStep;
      rangeStream.reseed(sym.id, Purpose.Range, childIndex, level);
      let hi = bridgeMax(co, cc, v, rangeStream.uniform());
      let lo = bridgeMin(co, cc, v, rangeStream.uniform());
      if (next) {
        // A bar's range must contain its own children's closes, so look one level down.
        innerPath.build(sym, co, cc, v, childIndex, level + 1, next.split);
        innerPath.save(out.paths!, base + i);
        hi = Math.max(hi, innerPath.interiorMax(next.split));
        lo = Math.min(lo, innerPath.interiorMin(next.split));
      }
      out.o[base + i] = co;
      out.c[base + i] = cc;
      out.h[base + i] = hi < H ? hi : H;
      out.l[base + i] = lo > L ? lo : L;
      out.v[base + i] = v;
      const bodyTop = co > cc ? co : cc;
      const bodyBottom = co < cc ? co : cc;
      if (bodyTop > top) {
        top = bodyTop;
        topAt = i;
      }
      if (bodyBottom < bottom) {
        bottom = bodyBottom;
        bottomAt = i;
      }
      const surprise = Math.min(3, Math.abs(cc - co) / Math.sqrt(v));
      volumeWeights[i] = Math.sqrt(w[i]!) * Math.exp(0.25 * rangeStream.normal()) * (0.6 + 0.4 * surprise) * volumeSeason(childOpen);
      sumU += volumeWeights[i]!;
    }
    // The parent's extremes happen inside the child whose body reaches furthest.
    out.h[base + topAt] = H;
    out.l[base + bottomAt] = L;
    const volume = parent.vol[j]!;
    for (let i = 0; i < k; i++) out.vol[base + i] = (volume * volumeWeights[i]!) / sumU;
  }
  return out;
}

/** Keeps the bars whose [open, open + step) overlaps [from, to). */
function trim(bars: LevelBars, from: number, to: number): LevelBars {
  const n = bars.o.length;
  const first = Math.max(0, Math.floor((from - bars.firstOpen) / bars.step));
  const last = Math.min(n, Math.ceil((to - bars.firstOpen) / bars.step));
  return sliceLevel(bars, Math.min(first, last), last);
}

function roundTo(value: number, inverseStep: number): number {
  return Math.round(value * inverseStep) / inverseStep;
}

export function demoSymbolOrThrow(symbol: string): DemoSymbol {
  const sym = findDemoSymbol(symbol);
  if (!sym) {
    throw new MarketDataError(
      'UNKNOWN_SYMBOL',
      `symbol: the demo feed has no ${JSON.stringify(symbol)}; it offers ${DEMO_SYMBOL_NAMES.join(', ')}`,
      { field: 'symbol' },
    );
  }
  return sym;
}

/** First open time the demo feed serves for a symbol. */
export function demoFirstOpen(symbol: string): number {
  return Math.max(DEMO_START, demoSymbolOrThrow(symbol).listedAt);
}

/**
 * Demo candles of `symbol` at `timeframe` with openTime in [from, to), within the
 * feed's span (2020-01-01, or the symbol's listing, to 2031-01-01). Synthetic data:
 * callers must label it as demo wherever it is shown.
 */
export function generateDemoCandles(symbol: string, timeframe: Timeframe, from: number, to: number): Candles {
  const sym = demoSymbolOrThrow(symbol);
  const step = TIMEFRAME_MS[timeframe];
  const lo = Math.max(from, sym.listedAt, DEMO_START);
  const hi = Math.min(to, DEMO_END);
  if (hi <= lo) return emptyCandles(0);

  let bars = trim(dailyPaths().get(sym.id)!, lo, hi);
  for (let level = 1; level < LEVELS.length && bars.step > step; level++) {
    bars = trim(split(bars, level, sym), lo, hi);
  }

  const firstIndex = Math.max(0, Math.ceil((lo - bars.firstOpen) / step));
  const lastIndex = Math.min(bars.o.length, Math.ceil((hi - bars.firstOpen) / step));
  const n = Math.max(0, lastIndex - firstIndex);
  const out = emptyCandles(n);
  const inverseTick = Math.round(1 / sym.tick);
  const inverseVolumeStep = Math.round(1 / sym.volumeStep);
  for (let i = 0; i < n; i++) {
    const j = firstIndex + i;
    out.openTime[i] = bars.firstOpen + j * step;
    out.open[i] = roundTo(Math.exp(bars.o[j]!), inverseTick);
    out.high[i] = roundTo(Math.exp(bars.h[j]!), inverseTick);
    out.low[i] = roundTo(Math.exp(bars.l[j]!), inverseTick);
    out.close[i] = roundTo(Math.exp(bars.c[j]!), inverseTick);
    out.volume[i] = roundTo(bars.vol[j]!, inverseVolumeStep);
  }
  return out;
}
