/**
 * @spark/ui data-path benchmark: the work a chart or table does in
 * JavaScript before anything reaches the canvas or the DOM, on real candles.
 * Each mapper is timed next to a reference measured in the same run: the
 * tightest loop producing the same output without validation (or the
 * built-in sort), so the ratio shows what validation and bookkeeping cost.
 * The budget column is the share of one 60 Hz frame (16.7 ms).
 *
 *   pnpm bench   →   table on stdout, JSON in bench-results/ui.json
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawdownFromEquity, toCandlestickData, toLineData, toTradeMarkers, type ChartTime } from '../src/lib/chart-data';
import { buildParamGrid } from '../src/lib/heatmap';
import { sortedIndices } from '../src/lib/table';
import { hasSharedData, missingDataMessage, readCandleCsv } from '../src/test-support/real-candles';
import type { TradeRecord } from '../src/types';

const FILE = 'BTCUSDT-1m.csv';
if (!hasSharedData(FILE)) {
  console.error(missingDataMessage(FILE));
  process.exit(1);
}

const FRAME_MS = 1000 / 60;
let sink = 0;

/**
 * Median wall times of `fn` and its reference, measured alternately (fn,
 * ref, fn, ref, …) after untimed warm-up runs, so both see the same machine
 * load and garbage-collection pressure on a shared machine.
 */
function timePair(fn: () => unknown, ref: () => unknown, runs = 31, warmup = 5): [number, number] {
  for (let i = 0; i < warmup; i++) sink += touch(fn()) + touch(ref());
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    sink += touch(fn());
    a.push(performance.now() - t0);
    t0 = performance.now();
    sink += touch(ref());
    b.push(performance.now() - t0);
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return [median(a), median(b)];
}

function touch(v: unknown): number {
  if (Array.isArray(v)) return v.length;
  if (v && typeof v === 'object' && 'length' in v) return Number((v as { length: number }).length);
  return 1;
}

const candles = readCandleCsv(FILE);
const n = candles.openTime.length;

// An EMA(50) overlay with its warm-up, as the engine reports it.
const overlay = new Float64Array(n).fill(NaN);
{
  let s = 0;
  for (let i = 0; i < 50; i++) s += candles.close[i]!;
  overlay[49] = s / 50;
  for (let i = 50; i < n; i++) overlay[i] = (2 / 51) * candles.close[i]! + (49 / 51) * overlay[i - 1]!;
}

// 2,000 trades spread over the series, entries and exits on real bars.
const trades: TradeRecord[] = Array.from({ length: 2000 }, (_, k) => {
  const i = k * 24 + 3;
  const j = i + 11;
  const pnl = (candles.close[j]! - candles.open[i]!) * 0.5;
  return {
    entryTime: candles.openTime[i]!,
    exitTime: candles.openTime[j]!,
    side: k % 4 === 0 ? 'short' : 'long',
    entryPrice: candles.open[i]!,
    exitPrice: candles.close[j]!,
    qty: 0.5,
    fees: 40,
    pnl,
    return: pnl / 25_000,
    barsHeld: 11,
    reason: k % 7 === 0 ? 'stop' : 'signal',
  };
});
const manyTrades: TradeRecord[] = Array.from({ length: 10_000 }, (_, k) => trades[k % trades.length]!).map((t, k) => ({ ...t, pnl: t.pnl + k * 1e-3 }));

const equity = new Float64Array(n);
for (let i = 0; i < n; i++) equity[i] = 100_000 * (candles.close[i]! / candles.close[0]!);

const trials: { params: Record<string, number>; score: number }[] = [];
for (let a = 2; a <= 40; a += 2) for (let b = 10; b <= 250; b += 10) trials.push({ params: { emaFast: a, emaSlow: b, atr: 14 }, score: Math.sin(a * 0.3) + Math.cos(b * 0.02) });

const cols = candles;
const rows: { name: string; items: number; ms: number; referenceMs: number; reference: string }[] = [];

function row(name: string, items: number, fn: () => unknown, reference: string, ref: () => unknown) {
  const [ms, referenceMs] = timePair(fn, ref);
  rows.push({ name, items, ms, referenceMs, reference });
}

row('toCandlestickData (validated)', n, () => toCandlestickData(cols), 'plain loop to {time,o,h,l,c}', () => {
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = { time: (cols.openTime[i]! / 1000) as ChartTime, open: cols.open[i]!, high: cols.high[i]!, low: cols.low[i]!, close: cols.close[i]! };
  return out;
});

const mapped = toCandlestickData(cols);
row('toLineData (EMA overlay)', n, () => toLineData(mapped.timesMs, overlay, 'overlay'), 'plain loop skipping NaN', () => {
  const out = [];
  for (let i = 0; i < n; i++) if (overlay[i] === overlay[i]) out.push({ time: mapped.timesMs[i]! / 1000, value: overlay[i]! });
  return out;
});

row('toTradeMarkers (2,000 trades)', trades.length, () => toTradeMarkers(trades, mapped.timesMs, { theme: 'dark' }), 'plain loop, no search/sort', () => {
  const out = [];
  for (const t of trades) {
    out.push({ time: t.entryTime / 1000, shape: 'arrowUp', position: 'atPriceBottom', price: t.entryPrice, color: '#fff' });
    out.push({ time: t.exitTime / 1000, shape: 'circle', position: 'atPriceMiddle', price: t.exitPrice, color: '#fff' });
  }
  return out;
});

row('sortedIndices (10,000 trades by pnl)', manyTrades.length, () => sortedIndices(manyTrades, (t) => t.pnl, 'desc'), 'Float64Array.prototype.sort', () =>
  Float64Array.from(manyTrades, (t) => t.pnl).sort(),
);

row('drawdownFromEquity', n, () => drawdownFromEquity(equity), 'running-max loop, no NaN handling', () => {
  const out = new Float64Array(n);
  let peak = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = equity[i]!;
    if (v > peak) peak = v;
    out[i] = v / peak - 1;
  }
  return out;
});

row('buildParamGrid (500 trials)', trials.length, () => buildParamGrid(trials, 'emaFast', 'emaSlow'), 'Map keyed by "x|y"', () => {
  const m = new Map<string, number>();
  for (const t of trials) {
    const k = `${t.params.emaFast}|${t.params.emaSlow}`;
    const v = m.get(k);
    if (v === undefined || t.score > v) m.set(k, t.score);
  }
  return m.size;
});

const table = rows.map((r) => ({
  step: r.name,
  items: r.items.toLocaleString('en-US'),
  'ms (median)': r.ms.toFixed(3),
  'reference ms': r.referenceMs.toFixed(3),
  'x reference': (r.ms / r.referenceMs).toFixed(2),
  'of 60 Hz frame': `${((r.ms / FRAME_MS) * 100).toFixed(1)}%`,
  reference: r.reference,
}));
console.log(`@spark/ui data path on ${FILE} (${n.toLocaleString('en-US')} bars), Node ${process.version}`);
console.table(table);

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../bench-results');
mkdirSync(outDir, { recursive: true });
const json = {
  file: FILE,
  bars: n,
  node: process.version,
  frameBudgetMs: FRAME_MS,
  results: rows.map((r) => ({ ...r, ratio: r.ms / r.referenceMs, frameShare: r.ms / FRAME_MS })),
};
writeFileSync(resolve(outDir, 'ui.json'), `${JSON.stringify(json, null, 2)}\n`);
console.log(JSON.stringify(json));
if (sink === 0) console.log('');
