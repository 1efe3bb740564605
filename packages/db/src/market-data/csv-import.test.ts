import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MarketDataError } from './errors';
import { createMarketData, type MarketDataService } from './service';
import { SHARED_DATA_DIR, fixedClock, hasSharedData, tempDir } from './testing/helpers';

const HOUR = 3_600_000;
const t = (iso: string) => Date.parse(iso);

let dir: { dir: string; cleanup: () => void };
let md: MarketDataService;

beforeEach(() => {
  dir = tempDir();
  md = createMarketData({ cachePath: join(dir.dir, 'candles.duckdb'), clock: fixedClock(t('2026-06-01T00:00:00Z')) });
});

afterEach(async () => {
  await md.close();
  dir.cleanup();
});

function write(name: string, text: string): string {
  const file = join(dir.dir, name);
  writeFileSync(file, text);
  return file;
}

async function rejection(promise: Promise<unknown>): Promise<MarketDataError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MarketDataError);
    return error as MarketDataError;
  }
  throw new Error('expected a MarketDataError');
}

/** First `n` data lines of a shared file in the open_time,open,high,low,close,volume layout. */
function sharedLines(file: string, n: number): string[] {
  return readFileSync(join(SHARED_DATA_DIR, file), 'utf8').trim().split('\n').slice(1, n + 1);
}

/** The same rows as a headerless Binance kline export with microsecond times. */
function asBinanceExportMicros(lines: string[], stepMs: number): string {
  return lines
    .map((line) => {
      const [open, o, h, l, c, v] = line.split(',');
      const us = BigInt(open!) * 1000n;
      return [us, o, h, l, c, v, us + BigInt(stepMs) * 1000n - 1n, '0', '0', '0', '0', '0'].join(',');
    })
    .join('\n');
}

describe.skipIf(!hasSharedData)('importing the real Binance files in ../shared/data', () => {
  test('BTCUSDT-1h.csv: every row lands, the 2024-01-01 close is 42,475.23 and the 2023-03-24 13:00 halt is reported', async () => {
    const report = await md.importCsv({ file: join(SHARED_DATA_DIR, 'BTCUSDT-1h.csv'), exchange: 'binance-archive' });
    expect(report).toMatchObject({
      exchange: 'binance-archive',
      symbol: 'BTCUSDT',
      timeframe: '1h',
      format: 'ohlcv',
      header: true,
      timestampUnit: 'ms',
      rows: 35_063,
      inserted: 35_063,
      firstOpenTime: 1_640_995_200_000,
      lastOpenTime: 1_767_222_000_000,
      gaps: [{ from: t('2023-03-24T13:00:00Z'), to: t('2023-03-24T14:00:00Z'), missingBars: 1 }],
    });
    const day = await md.loadOrFetch({ exchange: 'binance-archive', symbol: 'BTCUSDT', timeframe: '1h', start: t('2024-01-01T00:00:00Z'), end: t('2024-01-01T01:00:00Z') });
    expect(day.report).toMatchObject({ source: 'import', bars: 1, demo: false });
    expect(day.candles.close[0]).toBe(42_475.23);
    const halt = await md.loadOrFetch({ exchange: 'binance-archive', symbol: 'BTCUSDT', timeframe: '1h', start: t('2023-03-24T11:00:00Z'), end: t('2023-03-24T15:00:00Z') });
    expect(halt.report.gaps).toEqual([{ from: t('2023-03-24T13:00:00Z'), to: t('2023-03-24T14:00:00Z'), missingBars: 1 }]);
    // The halt bar at 12:00 has volume 0 and O=H=L=C; it is kept.
    expect(halt.candles.volume[1]).toBe(0);
  });

  test('ETHUSDT-1h-2017-2025.csv: the 28 documented gaps (128 bars) are reported', async () => {
    const report = await md.importCsv({ file: join(SHARED_DATA_DIR, 'ETHUSDT-1h-2017-2025.csv'), exchange: 'archive' });
    expect(report.rows).toBe(72_564);
    expect(report.gaps).toHaveLength(28);
    expect(report.gaps.reduce((n, g) => n + g.missingBars, 0)).toBe(128);
    expect(report.gaps[2]).toEqual({ from: t('2018-02-08T01:00:00Z'), to: t('2018-02-08T01:00:00Z') + 33 * HOUR, missingBars: 33 });
  });

  test('a zipped, headerless Binance export with microsecond times imports to the same bars as the plain file', async () => {
    const lines = sharedLines('BNBUSDT-1h.csv', 500);
    const plain = write('plain.csv', `open_time,open,high,low,close,volume\n${lines.join('\n')}\n`);
    const zip = join(dir.dir, 'BNBUSDT-1h-2022-01.zip');
    writeFileSync(zip, zipSync({ 'BNBUSDT-1h-2022-01.csv': strToU8(`${asBinanceExportMicros(lines, HOUR)}\n`) }));
    const a = await md.importCsv({ file: plain, exchange: 'plain', symbol: 'BNBUSDT', timeframe: '1h' });
    const b = await md.importCsv({ file: zip, exchange: 'zipped' });
    expect(b).toMatchObject({ symbol: 'BNBUSDT', timeframe: '1h', format: 'binance-kline', header: false, timestampUnit: 'us', zipped: true, rows: 500 });
    const window = { symbol: 'BNBUSDT', timeframe: '1h' as const, start: a.firstOpenTime!, end: a.lastOpenTime! + HOUR };
    const fromPlain = await md.loadOrFetch({ ...window, exchange: 'plain' });
    const fromZip = await md.loadOrFetch({ ...window, exchange: 'zipped' });
    expect(fromZip.candles).toEqual(fromPlain.candles);
  });

  test('importing the same file twice adds nothing the second time', async () => {
    const file = write('BTCUSDT-1m.csv', `open_time,open,high,low,close,volume\n${sharedLines('BTCUSDT-1m.csv', 2000).join('\n')}\n`);
    const first = await md.importCsv({ file, exchange: 'mine' });
    const second = await md.importCsv({ file, exchange: 'mine' });
    expect([first.inserted, second.inserted, second.alreadyCached]).toEqual([2000, 0, 2000]);
    expect((await md.stats()).totalRows).toBe(2000);
  });
});

describe('rejecting malformed files with the line number', () => {
  const header = 'open_time,open,high,low,close,volume';
  const row = (hour: number, o = 100, h = 110, l = 90, c = 105, v = 1) => `${t('2024-01-01T00:00:00Z') + hour * HOUR},${o},${h},${l},${c},${v}`;
  const good = [row(0), row(1), row(2), row(3)];

  test.each([
    ['a value that is not a number', [header, row(0), '1704070800000,100,abc,90,105,1', row(2)], 3, /column high: Could not convert string "abc" to 'DOUBLE'/],
    ['a short line', [header, row(0), row(1), '1704074400000,100,110,90'], 4, /Expected Number of Columns: 6 Found: 4/],
    ['a high below the close', [header, row(0), row(1, 100, 101, 90, 105)], 3, /high 101 is below max\(open 100, close 105\)/],
    ['a negative volume', [header, row(0), row(1, 100, 110, 90, 105, -2)], 3, /volume -2 must be a number >= 0/],
    ['an open time off the hour', [header, row(0), `${t('2024-01-01T01:30:00Z')},100,110,90,105,1`], 3, /open_time 2024-01-01T01:30:00Z is not on a 1h boundary; is the timeframe right\?/],
    ['a repeated open time', [header, row(0), row(1), row(1, 101, 111, 91, 106)], 4, /open_time 2024-01-01T01:00:00Z repeats line 3/],
    ['second timestamps', [header, '1704067200,100,110,90,105,1'], 2, /open_time 1704067200 is not epoch milliseconds or microseconds/],
    ['a blank line inside', [header, row(0), '', row(1)], 3, /the line is empty/],
    ['an empty price', [header, row(0), '1704070800000,100,,90,105,1'], 3, /column high is empty/],
  ])('rejects %s', async (_what, lines, line, message) => {
    const error = await rejection(md.importCsv({ file: write('BTCUSDT-1h.csv', `${lines.join('\n')}\n`), exchange: 'mine' }));
    expect(error).toMatchObject({ code: 'IMPORT_MALFORMED', field: 'file', line });
    expect(error.message).toMatch(new RegExp(`^BTCUSDT-1h\\.csv, line ${line}: `));
    expect(error.message).toMatch(message);
    expect((await md.stats()).totalRows).toBe(0);
  });

  test('rejects a file of 4h bars imported as 1h', async () => {
    const rows = [0, 4, 8, 12, 16].map((h) => row(h));
    const error = await rejection(md.importCsv({ file: write('x.csv', `${header}\n${rows.join('\n')}\n`), exchange: 'mine', symbol: 'BTCUSDT', timeframe: '1h' }));
    expect(error.message).toBe('x.csv: rows are mostly 240 minutes apart, but the timeframe is 1h (60 minutes)');
  });

  test('rejects a Binance row whose close_time belongs to another interval', async () => {
    const open = t('2024-01-01T00:00:00Z');
    const line = `${open},1,2,0.5,1.5,10,${open + 60_000 - 1},0,0,0,0,0`;
    const error = await rejection(md.importCsv({ file: write('ETHUSDT-1h-2024-01.csv', `${line}\n`), exchange: 'mine' }));
    expect(error).toMatchObject({ code: 'IMPORT_MALFORMED', line: 1 });
    expect(error.message).toMatch(/close_time 1704067259999 implies a 1-minute bar, not 1h/);
  });

  test('rejects a header in another column order', async () => {
    const error = await rejection(md.importCsv({ file: write('BTCUSDT-1h.csv', `open_time,close,high,low,open,volume\n${good.join('\n')}\n`), exchange: 'mine' }));
    expect(error).toMatchObject({ code: 'IMPORT_MALFORMED', line: 1 });
    expect(error.message).toMatch(/column 2 is "close"; expected open/);
  });

  test('rejects a zip without exactly one csv', async () => {
    const zip = join(dir.dir, 'BTCUSDT-1h.zip');
    writeFileSync(zip, zipSync({ 'a.csv': strToU8(good.join('\n')), 'b.csv': strToU8(good.join('\n')) }));
    const error = await rejection(md.importCsv({ file: zip, exchange: 'mine' }));
    expect(error.message).toBe('BTCUSDT-1h.zip: the archive holds 2 .csv files; expected exactly one');
  });

  test('refuses to store imports under a live exchange or the demo feed, and needs a symbol it can name', async () => {
    const file = write('BTCUSDT-1h.csv', `${header}\n${good.join('\n')}\n`);
    await expect(md.importCsv({ file, exchange: 'binance' })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      field: 'exchange',
      message: 'exchange: "binance" is reserved for live exchange data; store imports under a name of their own, e.g. "binance-import"',
    });
    await expect(md.importCsv({ file, exchange: 'demo' })).rejects.toMatchObject({ code: 'INVALID_REQUEST', field: 'exchange' });
    const unnamed = write('candles.csv', `${header}\n${good.join('\n')}\n`);
    await expect(md.importCsv({ file: unnamed, exchange: 'mine', timeframe: '1h' })).rejects.toMatchObject({ code: 'INVALID_REQUEST', field: 'symbol' });
    await expect(md.importCsv({ file: join(dir.dir, 'missing.csv'), exchange: 'mine' })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      field: 'file',
      message: expect.stringMatching(/cannot read .*missing\.csv: ENOENT/),
    });
  });

  test('accepts rows in descending order, as some exports have them', async () => {
    const report = await md.importCsv({ file: write('BTCUSDT-1h.csv', `${header}\n${[...good].reverse().join('\n')}\n`), exchange: 'mine' });
    expect(report).toMatchObject({ rows: 4, firstOpenTime: t('2024-01-01T00:00:00Z'), gaps: [] });
    const list = await md.exchanges();
    expect(list.find((e) => e.name === 'mine')).toEqual({ name: 'mine', kind: 'import', symbols: ['BTCUSDT'] });
  });
});
