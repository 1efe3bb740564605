import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { generateDemoCandles } from './demo/generator';
import { MarketDataError } from './errors';
import { createMarketData } from './service';
import { CandleStore } from './store';
import { tempDir } from './testing/helpers';
import { sliceCandles } from './types';

const HOUR = 3_600_000;
const FROM = Date.parse('2024-01-01T00:00:00Z');
const series = { exchange: 'binance', symbol: 'BTCUSDT', timeframe: '1h' as const };
const bars = generateDemoCandles('BTCUSDT', '1h', FROM, FROM + 200 * HOUR);
const first100 = sliceCandles(bars, 0, 100);
const next100 = sliceCandles(bars, 100, 200);
const storeModule = fileURLToPath(new URL('./store.ts', import.meta.url));
const duckdbEntry = createRequire(import.meta.url).resolve('@duckdb/node-api');

let dir: { dir: string; cleanup: () => void };
let path: string;
let children: ChildProcess[] = [];

beforeEach(() => {
  dir = tempDir();
  path = join(dir.dir, 'candles.duckdb');
});

afterEach(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  children = [];
  dir.cleanup();
});

async function rowsAndCoverage(p: string) {
  const { store } = await CandleStore.open(p);
  try {
    const id = await store.findSeries(series);
    if (id === undefined) return { rows: 0, coverage: [] };
    const rows = (await store.read(id, { from: 0, to: Number.MAX_SAFE_INTEGER })).openTime.length;
    return { rows, coverage: await store.coverage(id, { from: 0, to: Number.MAX_SAFE_INTEGER }) };
  } finally {
    await store.close();
  }
}

function run(script: string, ext: 'mjs' | 'mts'): ChildProcess {
  const file = join(dir.dir, `child.${ext}`);
  writeFileSync(file, script);
  const args = ext === 'mts' ? ['--import', 'tsx', file] : [file];
  const child = spawn(process.execPath, args, { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

function waitFor(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(text)) resolve();
    });
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('exit', () => reject(new Error(`child exited before "${text}": ${err}`)));
  });
}

describe('candle store transactions', () => {
  test('rows and coverage commit together: a failure before COMMIT leaves neither', async () => {
    const { store } = await CandleStore.open(path);
    try {
      await store.write(series, 'exchange', { candles: first100, spans: [{ from: FROM, to: FROM + 100 * HOUR }] });
      const failing = store.write(
        series,
        'exchange',
        { candles: next100, spans: [{ from: FROM + 100 * HOUR, to: FROM + 200 * HOUR }] },
        {
          beforeCommit: () => {
            throw new Error('disk full');
          },
        },
      );
      await expect(failing).rejects.toMatchObject({ code: 'CACHE_ERROR', message: expect.stringMatching(/storing 100 binance BTCUSDT 1h bars failed: disk full/) });
      const id = (await store.findSeries(series))!;
      expect((await store.read(id, { from: 0, to: Number.MAX_SAFE_INTEGER })).openTime.length).toBe(100);
      expect(await store.coverage(id, { from: 0, to: Number.MAX_SAFE_INTEGER })).toEqual([{ from: FROM, to: FROM + 100 * HOUR }]);
    } finally {
      await store.close();
    }
  });

  test('writing the same bars again inserts nothing and merges coverage', async () => {
    const { store } = await CandleStore.open(path);
    try {
      const a = await store.write(series, 'exchange', { candles: bars, spans: [{ from: FROM, to: FROM + 200 * HOUR }] });
      const b = await store.write(series, 'exchange', { candles: first100, spans: [{ from: FROM, to: FROM + 100 * HOUR }] });
      expect([a.inserted, b.inserted]).toEqual([200, 0]);
      const id = (await store.findSeries(series))!;
      expect(await store.read(id, { from: FROM, to: FROM + 200 * HOUR })).toEqual(bars);
      expect(await store.coverage(id, { from: 0, to: Number.MAX_SAFE_INTEGER })).toEqual([{ from: FROM, to: FROM + 200 * HOUR }]);
    } finally {
      await store.close();
    }
  });

  test('the table refuses a bar whose prices are inconsistent (a second line of defence)', async () => {
    const { store } = await CandleStore.open(path);
    try {
      const broken = { ...first100, high: Float64Array.from(first100.high) };
      broken.high[50] = broken.low[50]! / 2;
      await expect(store.write(series, 'exchange', { candles: broken, spans: [] })).rejects.toBeInstanceOf(MarketDataError);
      expect(await store.findSeries(series)).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  test('a process killed mid-write leaves no partial rows once the file is reopened', async () => {
    const { store } = await CandleStore.open(path);
    await store.write(series, 'exchange', { candles: first100, spans: [{ from: FROM, to: FROM + 100 * HOUR }] });
    await store.close();

    const child = run(
      `import { CandleStore } from ${JSON.stringify(storeModule)};
       const HOUR = 3_600_000, FROM = ${FROM};
       const n = 5000;
       const c = { openTime: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
       for (let i = 0; i < n; i++) { c.openTime[i] = FROM + (100 + i) * HOUR; c.open[i] = 10; c.high[i] = 11; c.low[i] = 9; c.close[i] = 10; c.volume[i] = 1; }
       const { store } = await CandleStore.open(${JSON.stringify(path)});
       await store.write(${JSON.stringify(series)}, 'exchange', { candles: c, spans: [{ from: FROM + 100 * HOUR, to: FROM + 5100 * HOUR }] }, {
         beforeCommit: () => { process.stdout.write('inserted\\n'); process.kill(process.pid, 'SIGKILL'); },
       });`,
      'mts',
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await waitFor(child, 'inserted').catch(() => undefined);
    expect(await exited).toBe('SIGKILL');
    expect(await rowsAndCoverage(path)).toEqual({ rows: 100, coverage: [{ from: FROM, to: FROM + 100 * HOUR }] });
  }, 30_000);
});

describe('sharing the cache file', () => {
  test('when another process holds the file, the service falls back to memory and says so', async () => {
    const holder = run(
      `import { createRequire } from 'node:module';
       const { DuckDBInstance } = createRequire(${JSON.stringify(duckdbEntry)})(${JSON.stringify(duckdbEntry)});
       const db = await DuckDBInstance.create(${JSON.stringify(path)});
       process.stdout.write('holding\\n');
       process.stdin.on('data', () => {});
       setInterval(() => {}, 1000);`,
      'mjs',
    );
    await waitFor(holder, 'holding');
    const md = createMarketData({ cachePath: path });
    try {
      const csv = join(dir.dir, 'BTCUSDT-1h.csv');
      writeFileSync(csv, `open_time,open,high,low,close,volume\n${FROM},1,2,0.5,1.5,10\n${FROM + HOUR},1.5,2,1,1.2,4\n`);
      await md.importCsv({ file: csv, exchange: 'mine' });
      const r = await md.loadOrFetch({ exchange: 'mine', symbol: 'BTCUSDT', timeframe: '1h', start: FROM, end: FROM + 2 * HOUR });
      expect(r.report.bars).toBe(2);
      expect(r.report.warnings[0]).toMatch(/the candle cache file .*candles\.duckdb is locked by another process; this process caches candles in memory only/);
      const stats = await md.stats();
      expect(stats.persistent).toBe(false);
      expect(stats.sizeBytes).toBe(0);
    } finally {
      await md.close();
    }
  }, 30_000);

  test('two services on one path in a process share one DuckDB instance', async () => {
    const a = await CandleStore.open(path);
    const b = await CandleStore.open(path);
    try {
      await a.store.write(series, 'exchange', { candles: first100, spans: [{ from: FROM, to: FROM + 100 * HOUR }] });
      const id = (await b.store.findSeries(series))!;
      expect((await b.store.read(id, { from: 0, to: Number.MAX_SAFE_INTEGER })).openTime.length).toBe(100);
    } finally {
      await a.store.close();
      await b.store.close();
    }
  });
});
