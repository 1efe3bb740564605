/**
 * Engine benchmark: one backtest and 200/500-combination grids on real
 * Binance candles and on a 500,000-bar seeded synthetic series, single-threaded
 * and on the worker pool, each next to the same emaCross written as the
 * tightest single loop (bench/tight-loop.ts) measured in the same run.
 * Prints a table and writes bench-results/engine.json.
 *
 * Targets (issue 3): a 50,000-bar backtest with trades and metrics under 2 ms;
 * a 500-combination grid over 50,000 bars under 1 s on 2 cores including the
 * pool; the engine within 2x of the tight loop.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { candlesFromRows, createRng, gridSearch, periodsPerYear, runBacktest, type Candles, type SearchSpaceInput, type Timeframe } from '../src/index';
import { createOptimizerPool } from '../src/optimizer/pool';
import { tightEmaCross } from './tight-loop';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '..', '..', '..', '..', 'shared', 'data');
const outDir = join(here, '..', 'bench-results');

function loadCsv(file: string): Candles {
  const text = readFileSync(join(dataDir, file), 'utf8');
  const rows = text
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map(Number));
  return candlesFromRows(rows);
}

/** Geometric Brownian motion hourly bars (0.6% hourly volatility) with a seeded generator. */
function syntheticCandles(n: number, seed: number): Candles {
  const rng = createRng(seed);
  const rows: number[][] = [];
  let price = 30_000;
  const start = Date.UTC(2020, 0, 1);
  for (let i = 0; i < n; i++) {
    const open = price;
    const close = open * Math.exp(0.006 * rng.normal());
    const high = Math.max(open, close) * Math.exp(0.003 * Math.abs(rng.normal()));
    const low = Math.min(open, close) * Math.exp(-0.003 * Math.abs(rng.normal()));
    rows.push([start + i * 3_600_000, open, high, low, close, 100 * rng.next()]);
    price = close;
  }
  return candlesFromRows(rows);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median wall time of `fn` after warm-up runs, repeating until minTotalMs has been spent (at least minRuns). */
async function measure(fn: () => unknown, opts: { warmup: number; minRuns: number; minTotalMs: number }): Promise<number> {
  for (let i = 0; i < opts.warmup; i++) await fn();
  const times: number[] = [];
  const begin = performance.now();
  while (times.length < opts.minRuns || performance.now() - begin < opts.minTotalMs) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    if (times.length >= 200) break;
  }
  return median(times);
}

const grid500: SearchSpaceInput = { emaFast: { min: 5, max: 50, step: 5 }, emaSlow: { min: 60, max: 240, step: 20 }, atrMult: [1, 1.5, 2, 2.5, 3] };
const grid200: SearchSpaceInput = { emaFast: { min: 5, max: 50, step: 5 }, emaSlow: { min: 60, max: 240, step: 20 }, atrMult: [1.5, 3] };

function combos(grid: SearchSpaceInput): [number, number, number][] {
  const expand = (r: SearchSpaceInput[string]): number[] =>
    Array.isArray(r) ? (r as number[]) : Array.from({ length: Math.floor(((r as { max: number; min: number; step: number }).max - (r as { min: number }).min) / (r as { step: number }).step) + 1 }, (_, k) => (r as { min: number }).min + k * (r as { step: number }).step);
  const out: [number, number, number][] = [];
  for (const f of expand(grid.emaFast!)) for (const s of expand(grid.emaSlow!)) for (const m of expand(grid.atrMult!)) if (s > f) out.push([f, s, m]);
  return out;
}

interface Row {
  series: string;
  bars: number;
  case: string;
  combos: number;
  engineMs: number;
  tightMs: number;
  /** engine / tight: the "engine/limit" ratio. */
  ratio: number;
  engineBarsPerSec: number;
  tightBarsPerSec: number;
}

async function main(): Promise<void> {
  // The machine is shared: the load average says how much of it the run actually had.
  const loadBefore = loadavg();
  const threads = Math.min(2, availableParallelism());
  const pool = createOptimizerPool({ maxThreads: threads });
  const series: { name: string; candles: Candles; timeframe: Timeframe }[] = [];
  if (existsSync(join(dataDir, 'BTCUSDT-1h.csv'))) series.push({ name: 'BTCUSDT-1h (real)', candles: loadCsv('BTCUSDT-1h.csv'), timeframe: '1h' });
  else console.warn(`real candles not found in ${dataDir}; benchmarking the synthetic series only`);
  if (existsSync(join(dataDir, 'BTCUSDT-1m.csv'))) series.push({ name: 'BTCUSDT-1m (real, 50k)', candles: loadCsv('BTCUSDT-1m.csv'), timeframe: '1m' });
  series.push({ name: 'synthetic GBM 500k', candles: syntheticCandles(500_000, 42), timeframe: '1h' });

  const rows: Row[] = [];
  const check: string[] = [];
  for (const s of series) {
    const c = s.candles;
    const n = c.close.length;
    const ppy = periodsPerYear(s.timeframe);
    const big = n > 100_000;
    const tightOne = (f: number, sl: number, m: number): number =>
      tightEmaCross(c.open, c.high, c.low, c.close, f, sl, 14, m, 0.001, 0, 100_000, ppy).finalEquity;

    // Same strategy, same answer: the comparison is only meaningful if both compute the same backtest.
    const eng = runBacktest(c, { timeframe: s.timeframe });
    const tight = tightEmaCross(c.open, c.high, c.low, c.close, 20, 50, 14, 2, 0.001, 0, 100_000, ppy);
    const agree = Math.abs(eng.metrics.finalEquity / tight.finalEquity - 1) < 1e-9 && eng.metrics.trades === tight.trades;
    check.push(`${s.name}: engine final equity ${eng.metrics.finalEquity.toFixed(2)} (${eng.metrics.trades} trades) vs tight loop ${tight.finalEquity.toFixed(2)} (${tight.trades}) -> ${agree ? 'identical' : 'MISMATCH'}`);

    const single = { warmup: big ? 3 : 30, minRuns: big ? 5 : 30, minTotalMs: big ? 1500 : 1000 };
    const tMs = await measure(() => tightEmaCross(c.open, c.high, c.low, c.close, 20, 50, 14, 2, 0.001, 0, 100_000, ppy), single);
    const eMs = await measure(() => runBacktest(c, { timeframe: s.timeframe }), single);
    rows.push({ series: s.name, bars: n, case: 'one backtest', combos: 1, engineMs: eMs, tightMs: tMs, ratio: eMs / tMs, engineBarsPerSec: n / (eMs / 1000), tightBarsPerSec: n / (tMs / 1000) });
    // A series is validated once per Candles object; a new object (as a fresh request would bring) pays for the scan.
    const vMs = await measure(() => runBacktest({ ...c }, { timeframe: s.timeframe }), single);
    rows.push({ series: s.name, bars: n, case: 'one backtest incl. validating a new series', combos: 1, engineMs: vMs, tightMs: tMs, ratio: vMs / tMs, engineBarsPerSec: n / (vMs / 1000), tightBarsPerSec: n / (tMs / 1000) });

    for (const [label, grid] of [
      ['grid 200', grid200],
      ['grid 500', grid500],
    ] as const) {
      const list = combos(grid);
      const gridOpts = { warmup: big ? 0 : 1, minRuns: big ? 1 : 3, minTotalMs: 0 };
      const tightGrid = await measure(() => {
        let acc = 0;
        for (const [f, sl, m] of list) acc += tightOne(f, sl, m);
        return acc;
      }, gridOpts);
      const engineGrid = await measure(() => gridSearch(c, { timeframe: s.timeframe, grid, maxCombinations: 500 }), gridOpts);
      const poolGrid = await measure(() => pool.gridSearch(c, { timeframe: s.timeframe, grid, maxCombinations: 500 }), { ...gridOpts, warmup: 1 });
      const work = n * list.length;
      rows.push({ series: s.name, bars: n, case: `${label}, 1 thread`, combos: list.length, engineMs: engineGrid, tightMs: tightGrid, ratio: engineGrid / tightGrid, engineBarsPerSec: work / (engineGrid / 1000), tightBarsPerSec: work / (tightGrid / 1000) });
      rows.push({ series: s.name, bars: n, case: `${label}, pool ${threads} threads (tight: 1 thread / ${threads})`, combos: list.length, engineMs: poolGrid, tightMs: tightGrid / threads, ratio: poolGrid / (tightGrid / threads), engineBarsPerSec: work / (poolGrid / 1000), tightBarsPerSec: work / (tightGrid / threads / 1000) });
    }
  }
  await pool.destroy();

  const fmt = (x: number, d = 2): string => x.toFixed(d);
  const header = ['series', 'bars', 'case', 'engine ms', 'tight ms', 'engine/tight', 'engine Mbar/s', 'tight Mbar/s'];
  const table = rows.map((r) => [r.series, String(r.bars), r.case, fmt(r.engineMs, 3), fmt(r.tightMs, 3), fmt(r.ratio), fmt(r.engineBarsPerSec / 1e6, 1), fmt(r.tightBarsPerSec / 1e6, 1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const t of table) console.log(line(t));
  console.log('');
  for (const c of check) console.log(c);
  console.log(`load average (1/5/15 min) before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);

  // Targets are stated for 50,000 bars; scale the measured per-bar cost to that size.
  const per50k = (r: Row): number => (r.engineMs * 50_000) / r.bars;
  const real = rows.filter((r) => !r.series.startsWith('synthetic'));
  const backtests = (real.length > 0 ? real : rows).filter((r) => r.case === 'one backtest');
  const pool500 = (real.length > 0 ? real : rows).filter((r) => r.case.startsWith('grid 500, pool'));
  const targets = {
    backtest50kMs: { target: 2, measured: Math.max(...backtests.map(per50k)) },
    grid500x50kPoolMs: { target: 1000, measured: Math.max(...pool500.map(per50k)) },
    engineOverTightBacktest: { target: 2, measured: Math.max(...backtests.map((r) => r.ratio)) },
  };
  console.log('');
  for (const [k, v] of Object.entries(targets)) console.log(`${k}: ${fmt(v.measured, 3)} (target < ${v.target}) ${v.measured < v.target ? 'OK' : 'MISSED'}`);

  mkdirSync(outDir, { recursive: true });
  const json = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    poolThreads: threads,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadavg(),
    rows,
    crossCheck: check,
    targets,
  };
  writeFileSync(join(outDir, 'engine.json'), `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nwrote ${join(outDir, 'engine.json')}`);
}

await main();
