/**
 * Cold vs warm candle loads through the market-data service.
 *
 * cold: a fresh DuckDB file; every bar comes from a loopback server speaking Binance's
 *       /api/v3/klines (1000 bars per request), is validated, stored and served.
 * warm: the same request again; the cache covers it, no network.
 * demo: generating the same number of bars with the offline demo feed.
 *
 * Prints a table and writes JSON to bench-results/market-data.json. Target: a warm load
 * of 50,000 bars under 20 ms. Run with `pnpm bench` from packages/db.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMarketData } from '../src/market-data/service';
import { generateDemoCandles } from '../src/market-data/demo/generator';
import { startFakeExchange } from '../src/market-data/testing/fake-exchange';
import { fixedClock, tempDir } from '../src/market-data/testing/helpers';

const MINUTE = 60_000;
const SIZES = [1_000, 5_000, 50_000, 500_000];
const WARM_RUNS = 15;
const TARGET_WARM_50K_MS = 20;
const START = Date.parse('2024-01-01T00:00:00Z');

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round = (x: number) => Math.round(x * 100) / 100;

async function main() {
  const largest = Math.max(...SIZES);
  const dataset = generateDemoCandles('BTCUSDT', '1m', START, START + largest * MINUTE);
  const exchange = await startFakeExchange();
  exchange.setSeries('BTCUSDT', '1m', dataset);
  const clock = fixedClock(START + (largest + 10) * MINUTE);
  const rows: {
    bars: number;
    coldMs: number;
    upstreamRequests: number;
    warmMedianMs: number;
    warmMinMs: number;
    speedup: number;
    demoMedianMs: number;
  }[] = [];

  try {
    for (const bars of SIZES) {
      const dir = tempDir('spark-md-bench-');
      const md = createMarketData({ cachePath: join(dir.dir, 'candles.duckdb'), binanceBaseUrl: exchange.baseUrl, clock, maxBars: largest });
      try {
        await md.ready();
        const request = { exchange: 'binance', symbol: 'BTCUSDT', timeframe: '1m' as const, start: START, end: START + bars * MINUTE };
        const c0 = performance.now();
        const cold = await md.loadOrFetch(request);
        const coldMs = performance.now() - c0;
        if (cold.report.bars !== bars || cold.report.source !== 'binance') throw new Error(`cold load returned ${cold.report.bars} bars from ${cold.report.source}`);

        const warm: number[] = [];
        for (let i = 0; i < WARM_RUNS + 2; i++) {
          const w0 = performance.now();
          const r = await md.loadOrFetch(request);
          const ms = performance.now() - w0;
          if (r.report.source !== 'cache' || r.report.bars !== bars) throw new Error(`warm load came from ${r.report.source}`);
          if (i >= 2) warm.push(ms);
        }
        const demo: number[] = [];
        for (let i = 0; i < 5; i++) {
          const d0 = performance.now();
          generateDemoCandles('ETHUSDT', '1m', START + i * 1440 * MINUTE, START + (i * 1440 + bars) * MINUTE);
          demo.push(performance.now() - d0);
        }
        const warmMedianMs = median(warm);
        rows.push({
          bars,
          coldMs: round(coldMs),
          upstreamRequests: cold.report.upstreamRequests,
          warmMedianMs: round(warmMedianMs),
          warmMinMs: round(Math.min(...warm)),
          speedup: round(coldMs / warmMedianMs),
          demoMedianMs: round(median(demo)),
        });
      } finally {
        await md.close();
        dir.cleanup();
      }
    }
  } finally {
    await exchange.close();
  }

  const header = ['bars', 'cold ms (loopback)', 'requests', 'warm ms (median)', 'warm ms (min)', 'warm/cold speed-up', 'demo gen ms'];
  const table = rows.map((r) => [
    r.bars.toLocaleString('en-US'),
    r.coldMs.toFixed(1),
    String(r.upstreamRequests),
    r.warmMedianMs.toFixed(2),
    r.warmMinMs.toFixed(2),
    `${r.speedup.toFixed(0)}x`,
    r.demoMedianMs.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of table) console.log(line(row));

  const warm50k = rows.find((r) => r.bars === 50_000)!;
  const pass = warm50k.warmMedianMs < TARGET_WARM_50K_MS;
  console.log(`\nwarm load of 50,000 bars: ${warm50k.warmMedianMs.toFixed(2)} ms (target < ${TARGET_WARM_50K_MS} ms): ${pass ? 'PASS' : 'FAIL'}`);

  const result = {
    benchmark: 'market-data cold vs warm load',
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    timeframe: '1m',
    target: { warm50kMs: TARGET_WARM_50K_MS, pass },
    rows,
  };
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench-results', 'market-data.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result));
  if (!pass) process.exitCode = 1;
}

await main();
