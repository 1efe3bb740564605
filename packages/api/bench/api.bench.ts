/**
 * `pnpm bench` (api): requests/s and p50/p95 latency of backtest.run over
 * 1k, 5k and 50k cached bars, with concurrent clients over a real loopback
 * socket. The candles are the real BTCUSDT 1m series from ../shared/data,
 * imported into a DuckDB cache so every request is a warm cache read plus the
 * engine. The reference measured in the same run is the engine alone on the
 * same candles: the difference is what the API layer (HTTP, validation, data,
 * JSON, the run record) costs.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestPglite } from '@spark/db/testing';
import { runBacktest } from '@spark/engine';
import { startLoopbackServer } from '../src/loopback-server';
import { testDeps, testMarketData } from '../src/test-support';

const dataFile = fileURLToPath(new URL('../../../../shared/data/BTCUSDT-1m.csv', import.meta.url));
if (!existsSync(dataFile)) {
  console.log(`SKIPPED: ${dataFile} is absent (the api bench uses the real BTCUSDT 1m candles from ../shared/data)`);
  process.exit(0);
}

const FIRST = 1707706800000; // first openTime of the file
const sizes = [1_000, 5_000, 50_000];
const concurrency = 8;
const requestsPerSize = { 1000: 400, 5000: 200, 50000: 40 } as Record<number, number>;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const md = await testMarketData();
const db = await createTestPglite();
const deps = await testDeps(db, { marketData: md.marketData });
const server = await startLoopbackServer(deps);
const imported = await md.service.importCsv({ file: dataFile, exchange: 'bench', symbol: 'BTCUSDT', timeframe: '1m' });
console.log(`imported ${imported.rows} bars of BTCUSDT 1m into a fresh DuckDB cache`);

const rows: Record<string, unknown>[] = [];
for (const bars of sizes) {
  const body = JSON.stringify({ exchange: 'bench', symbol: 'BTCUSDT', timeframe: '1m', start: FIRST, end: FIRST + bars * 60_000, strategy: { params: { emaFast: 12, emaSlow: 26, atr: 14 } } });
  const call = async () => {
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/backtest/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < 5; i++) await call(); // warm V8, the cache and the connection pool
  const total = requestsPerSize[bars]!;
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        latencies.push(await call());
      }
    }),
  );
  const wall = performance.now() - started;
  latencies.sort((a, b) => a - b);

  // Reference: the engine alone on the same candles, single-threaded.
  const { candles } = await md.marketData.load({ exchange: 'bench', symbol: 'BTCUSDT', timeframe: '1m', start: FIRST, end: FIRST + bars * 60_000, useCache: true });
  const request = { strategy: 'emaCross', params: { emaFast: 12, emaSlow: 26, atr: 14 }, timeframe: '1m' as const };
  for (let i = 0; i < 20; i++) runBacktest(candles, request);
  const reps = Math.max(20, Math.round(200_000 / bars));
  const e0 = performance.now();
  for (let i = 0; i < reps; i++) runBacktest(candles, request);
  const engineMs = (performance.now() - e0) / reps;

  // Single-client latency, for the p95 target (one request at a time, no queueing behind others).
  const solo: number[] = [];
  for (let i = 0; i < 40; i++) solo.push(await call());
  solo.sort((a, b) => a - b);

  rows.push({
    bars,
    concurrency,
    requests: total,
    reqPerSec: +((total / wall) * 1000).toFixed(1),
    p50Ms: +percentile(latencies, 50).toFixed(2),
    p95Ms: +percentile(latencies, 95).toFixed(2),
    soloP50Ms: +percentile(solo, 50).toFixed(2),
    soloP95Ms: +percentile(solo, 95).toFixed(2),
    engineOnlyMs: +engineMs.toFixed(3),
    apiOverheadMs: +(percentile(solo, 50) - engineMs).toFixed(2),
  });
}

console.table(rows);
const target = rows.find((r) => r.bars === 5_000)!;
console.log(`target: warm p95 for 5k bars < 50 ms — single client p95 ${target.soloP95Ms} ms, ${concurrency} concurrent clients p95 ${target.p95Ms} ms`);
const outDir = fileURLToPath(new URL('../bench-results/', import.meta.url));
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'api.json'), JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, results: rows }, null, 2));
console.log(`wrote ${join(outDir, 'api.json')}`);

await server.close();
await md.close();
await db.close();
