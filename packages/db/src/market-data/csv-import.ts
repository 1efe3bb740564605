/**
 * CSV import into the cache, parsed by DuckDB's own CSV reader.
 *
 * Accepted layouts (comma-separated, with or without a header line):
 * - Binance kline export (data.binance.vision): 12 columns, open_time, open, high, low,
 *   close, volume, close_time, quote_volume, count, taker_buy_volume,
 *   taker_buy_quote_volume, ignore. Spot files switched to microsecond timestamps on
 *   2025-01-01; older ones use milliseconds. Both are accepted, per row.
 * - open_time,open,high,low,close,volume (the layout of ../shared/data).
 * A .zip holding exactly one .csv (how Binance ships them) is unpacked first.
 *
 * Every rejected file names its line. Rows may come in any order; duplicates are an error.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { unzipSync } from 'fflate';
import { MarketDataError, describeValue, invalid, isoTime } from './errors';
import { findGaps } from './ranges';
import { normalizeExchange, normalizeSymbol, normalizeTimeframe } from './request';
import type { CandleStore } from './store';
import { TIMEFRAMES, TIMEFRAME_MS, emptyCandles, type CandleGap, type Candles, type Timeframe } from './types';

export interface ImportCsvOptions {
  /** Path of a .csv or a .zip holding one .csv. */
  file: string;
  /** Name the bars are stored under; not 'demo' nor a live exchange (imports keep their own provenance). */
  exchange: string;
  /** Defaults to the SYMBOL in a Binance-style file name (BTCUSDT-1h-2024-01.zip). */
  symbol?: string;
  /** Defaults to the interval in a Binance-style file name. */
  timeframe?: Timeframe;
  /** skip (default): keep bars already cached; replace: overwrite them with the file's. */
  onConflict?: 'skip' | 'replace';
}

export interface ImportReport {
  exchange: string;
  symbol: string;
  timeframe: Timeframe;
  format: 'binance-kline' | 'ohlcv';
  header: boolean;
  /** 'ms', 'us', or 'mixed' when a file holds both. */
  timestampUnit: 'ms' | 'us' | 'mixed';
  zipped: boolean;
  rows: number;
  /** Rows written: new ones, plus overwritten ones with onConflict 'replace'. */
  inserted: number;
  /** Rows left as they were because the cache already held their open time (onConflict 'skip'). */
  alreadyCached: number;
  firstOpenTime: number | null;
  lastOpenTime: number | null;
  /** Missing bars between the first and last row. */
  gaps: CandleGap[];
}

const OHLCV_HEADER = ['open_time', 'open', 'high', 'low', 'close', 'volume'];
const TIME_HEADERS = new Set(['open_time', 'opentime', 'open time', 'timestamp', 'time', 'date', 'datetime']);
const FILE_NAME = /^([A-Za-z0-9]+)-(1m|5m|15m|30m|1h|4h|1d)(?:[-_.].*)?\.(csv|zip)$/;

/** Binance kline rows carry whole-millisecond times; µs values are >= 1e14, ms ones >= 1e11 (1973). */
const MICROSECONDS_FROM = 1e14;
const MILLISECONDS_FROM = 1e11;

function bad(file: string, line: number | undefined, detail: string): MarketDataError {
  const where = line === undefined ? file : `${file}, line ${line}`;
  return new MarketDataError('IMPORT_MALFORMED', `${where}: ${detail}`, { field: 'file', ...(line === undefined ? {} : { line }) });
}

interface Sniffed {
  header: boolean;
  columns: number;
}

/** Reads the first line to decide header and layout; refuses blank lines, which would shift line numbers. */
function sniff(text: string, name: string): Sniffed {
  const firstBreak = text.indexOf('\n');
  const firstLine = (firstBreak === -1 ? text : text.slice(0, firstBreak)).replace(/\r$/, '');
  if (firstLine.trim() === '') throw bad(name, 1, 'the first line is empty; expected a header or a candle row');
  const fields = firstLine.split(',').map((f) => f.trim().replace(/^"|"$/g, ''));
  const header = !/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(fields[0] ?? '');
  if (fields.length !== 6 && fields.length !== 12) {
    throw bad(
      name,
      1,
      `found ${fields.length} columns; expected 6 (open_time,open,high,low,close,volume) or 12 (Binance kline export)`,
    );
  }
  if (header) {
    const names = fields.map((f) => f.toLowerCase());
    if (!TIME_HEADERS.has(names[0]!)) {
      throw bad(name, 1, `the first column is ${describeValue(fields[0])}; expected the candle open time (open_time)`);
    }
    for (let i = 1; i < 6; i++) {
      if (names[i] !== OHLCV_HEADER[i]) {
        throw bad(name, 1, `column ${i + 1} is ${describeValue(fields[i])}; expected ${OHLCV_HEADER[i]} (columns must be ${OHLCV_HEADER.join(',')})`);
      }
    }
  }
  // Blank lines inside the file: DuckDB skips them, which would make line numbers of later errors wrong.
  const body = text.replace(/(\r?\n)+$/, '');
  const blank = body.search(/\n\r?\n/);
  if (blank !== -1) {
    const line = body.slice(0, blank + 1).split('\n').length;
    throw bad(name, line, 'the line is empty; remove blank lines inside the file');
  }
  return { header, columns: fields.length };
}

function columnsSpec(columns: number): string {
  const base = `'open_time': 'BIGINT', 'open': 'DOUBLE', 'high': 'DOUBLE', 'low': 'DOUBLE', 'close': 'DOUBLE', 'volume': 'DOUBLE'`;
  if (columns === 6) return `{${base}}`;
  return `{${base}, 'close_time': 'BIGINT', 'quote_volume': 'DOUBLE', 'count': 'BIGINT', 'taker_buy_volume': 'DOUBLE', 'taker_buy_quote_volume': 'DOUBLE', 'ignore': 'VARCHAR'}`;
}

interface Parsed {
  openTime: number[];
  values: Float64Array[];
  closeTime: number[] | undefined;
  nulls: { row: number; column: string } | undefined;
}

async function parseWithDuckDb(c: DuckDBConnection, path: string, name: string, sniffed: Sniffed): Promise<Parsed> {
  const suffix = randomBytes(6).toString('hex');
  const rejects = `import_rejects_${suffix}`;
  const scans = `import_scans_${suffix}`;
  const select = sniffed.columns === 12 ? 'open_time, open, high, low, close, volume, close_time' : 'open_time, open, high, low, close, volume';
  try {
    const result = await c.run(
      `SELECT ${select} FROM read_csv($1, header = ${sniffed.header}, delim = ',', quote = '"', auto_detect = false,
         columns = ${columnsSpec(sniffed.columns)}, store_rejects = true, rejects_table = '${rejects}', rejects_scan = '${scans}')`,
      [path],
    );
    const errors = await c.runAndReadAll(
      `SELECT line, column_name, error_type, csv_line, error_message FROM ${rejects} ORDER BY line, column_idx LIMIT 1`,
    );
    const first = errors.getRowsJS()[0];
    if (first) {
      const [line, column, type, csvLine, message] = first;
      const text = String(csvLine ?? '').replace(/^\s+/, '');
      const what = type === 'CAST' ? `column ${String(column)}: ${String(message).replace(/^Error when converting column "[^"]+"\. /, '')}` : String(message);
      throw bad(name, Number(line), `${what} (line reads ${describeValue(text)})`);
    }
    const n = result.rowCount;
    const openTime: number[] = new Array<number>(n);
    const values = [0, 1, 2, 3, 4].map(() => new Float64Array(n));
    const closeTime = sniffed.columns === 12 ? new Array<number>(n) : undefined;
    const names = ['open', 'high', 'low', 'close', 'volume'];
    let nulls: Parsed['nulls'];
    let offset = 0;
    for (let ci = 0; ci < result.chunkCount; ci++) {
      const chunk = result.getChunk(ci);
      const rows = chunk.rowCount;
      const time = chunk.getColumnVector(0);
      for (let i = 0; i < rows; i++) {
        const t = time.getItem(i);
        if (t === null) nulls ??= { row: offset + i, column: 'open_time' };
        openTime[offset + i] = t === null ? Number.NaN : Number(t);
      }
      for (let k = 0; k < 5; k++) {
        const vector = chunk.getColumnVector(k + 1);
        const target = values[k]!;
        for (let i = 0; i < rows; i++) {
          const v = vector.getItem(i) as number | null;
          if (v === null) nulls ??= { row: offset + i, column: names[k]! };
          target[offset + i] = v === null ? Number.NaN : v;
        }
      }
      if (closeTime) {
        const vector = chunk.getColumnVector(6);
        for (let i = 0; i < rows; i++) {
          const v = vector.getItem(i);
          closeTime[offset + i] = v === null ? Number.NaN : Number(v);
        }
      }
      offset += rows;
    }
    return { openTime, values, closeTime, nulls };
  } finally {
    await c.run(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${scans}`);
  }
}

function inferFromName(file: string): { symbol?: string; timeframe?: Timeframe } {
  const m = FILE_NAME.exec(basename(file));
  if (!m) return {};
  return { symbol: m[1]!.toUpperCase(), timeframe: m[2] as Timeframe };
}

/** Parses, validates and stores a CSV file. See the module comment for the accepted layouts. */
export async function importCsvFile(store: CandleStore, options: ImportCsvOptions, reservedExchanges: readonly string[]): Promise<ImportReport> {
  if (typeof options !== 'object' || options === null) throw invalid('options', `must be an object { file, exchange, symbol?, timeframe? }; got ${describeValue(options)}`);
  const exchange = normalizeExchange(options.exchange);
  if (reservedExchanges.includes(exchange)) {
    throw invalid(
      'exchange',
      `"${exchange}" is reserved for ${exchange === 'demo' ? 'the demo feed' : 'live exchange data'}; store imports under a name of their own, e.g. "${exchange}-import"`,
    );
  }
  if (typeof options.file !== 'string' || options.file.trim() === '') throw invalid('file', `must be a file path; got ${describeValue(options.file)}`);
  const file = options.file;
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw invalid('file', `${file} is not a regular file`);
    size = st.size;
  } catch (error) {
    if (error instanceof MarketDataError) throw error;
    throw invalid('file', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (options.onConflict !== undefined && options.onConflict !== 'skip' && options.onConflict !== 'replace') {
    throw invalid('onConflict', `must be "skip" or "replace"; got ${describeValue(options.onConflict)}`);
  }
  const fromName = inferFromName(file);
  if (options.symbol === undefined && fromName.symbol === undefined) {
    throw invalid('symbol', `is required: the file name ${describeValue(basename(file))} does not follow SYMBOL-INTERVAL(.csv|.zip)`);
  }
  if (options.timeframe === undefined && fromName.timeframe === undefined) {
    throw invalid('timeframe', `is required (one of ${TIMEFRAMES.join(', ')}): the file name ${describeValue(basename(file))} does not name an interval`);
  }
  const symbol = normalizeSymbol(options.symbol ?? fromName.symbol);
  const timeframe = normalizeTimeframe(options.timeframe ?? fromName.timeframe);
  const step = TIMEFRAME_MS[timeframe];
  const name = basename(file);

  const zipped = /\.zip$/i.test(file);
  let csvPath = file;
  let text: string;
  let tempFile: string | undefined;
  if (zipped) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(readFileSync(file));
    } catch (error) {
      throw bad(name, undefined, `not a readable zip archive (${error instanceof Error ? error.message : String(error)})`);
    }
    const csvs = Object.keys(entries).filter((k) => /\.csv$/i.test(k) && !k.endsWith('/'));
    if (csvs.length !== 1) throw bad(name, undefined, `the archive holds ${csvs.length} .csv files; expected exactly one`);
    const bytes = entries[csvs[0]!]!;
    text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    tempFile = join(tmpdir(), `spark-import-${randomBytes(8).toString('hex')}.csv`);
    writeFileSync(tempFile, bytes);
    csvPath = tempFile;
  } else {
    if (size === 0) throw bad(name, undefined, 'the file is empty');
    text = readFileSync(file, 'utf8');
  }

  try {
    const sniffed = sniff(text, name);
    const parsed = await store.withScratchConnection((c) => parseWithDuckDb(c, csvPath, name, sniffed));
    const headerLines = sniffed.header ? 1 : 0;
    const lineOf = (row: number) => row + 1 + headerLines;
    if (parsed.nulls) throw bad(name, lineOf(parsed.nulls.row), `column ${parsed.nulls.column} is empty`);
    const n = parsed.openTime.length;
    if (n === 0) throw bad(name, undefined, 'the file holds no candle rows');

    // Normalise timestamps to ms, then check every row.
    const openTime = new Float64Array(n);
    let sawMs = false;
    let sawUs = false;
    for (let i = 0; i < n; i++) {
      const raw = parsed.openTime[i]!;
      let t: number;
      if (raw >= MICROSECONDS_FROM) {
        sawUs = true;
        t = raw / 1000;
        if (!Number.isInteger(t)) throw bad(name, lineOf(i), `open_time ${raw} (µs) is not a whole millisecond`);
      } else if (raw >= MILLISECONDS_FROM) {
        sawMs = true;
        t = raw;
      } else {
        throw bad(name, lineOf(i), `open_time ${raw} is not epoch milliseconds or microseconds (it would be before 1973; seconds are not accepted)`);
      }
      if (t % step !== 0) {
        throw bad(name, lineOf(i), `open_time ${isoTime(t)} is not on a ${timeframe} boundary; is the timeframe right?`);
      }
      if (parsed.closeTime) {
        const rawClose = parsed.closeTime[i]!;
        const unit = raw >= MICROSECONDS_FROM ? 1000 : 1;
        // Binance's close_time is the last millisecond (or microsecond) of the bar.
        if (rawClose !== raw + step * unit - 1) {
          const implied = (rawClose - raw + 1) / unit / 60_000;
          throw bad(name, lineOf(i), `close_time ${rawClose} implies a ${Number.isFinite(implied) ? `${implied}-minute` : 'different'} bar, not ${timeframe}`);
        }
      }
      const o = parsed.values[0]![i]!;
      const h = parsed.values[1]![i]!;
      const l = parsed.values[2]![i]!;
      const c = parsed.values[3]![i]!;
      const v = parsed.values[4]![i]!;
      for (const [col, value] of [['open', o], ['high', h], ['low', l], ['close', c]] as const) {
        if (!Number.isFinite(value) || value <= 0) throw bad(name, lineOf(i), `${col} ${value} is not a positive price`);
      }
      if (!Number.isFinite(v) || v < 0) throw bad(name, lineOf(i), `volume ${v} must be a number >= 0`);
      if (h < Math.max(o, c)) throw bad(name, lineOf(i), `high ${h} is below max(open ${o}, close ${c})`);
      if (l > Math.min(o, c)) throw bad(name, lineOf(i), `low ${l} is above min(open ${o}, close ${c})`);
      openTime[i] = t;
    }

    // Sort by time (some exports are newest-first), keeping original rows for messages.
    const order = Array.from({ length: n }, (_, i) => i);
    let sorted = true;
    for (let i = 1; i < n; i++) {
      if (openTime[i]! <= openTime[i - 1]!) {
        sorted = false;
        break;
      }
    }
    if (!sorted) order.sort((a, b) => openTime[a]! - openTime[b]! || a - b);
    const candles: Candles = emptyCandles(n);
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      if (k > 0 && openTime[i] === candles.openTime[k - 1]) {
        throw bad(name, lineOf(i), `open_time ${isoTime(openTime[i]!)} repeats line ${lineOf(order[k - 1]!)}`);
      }
      candles.openTime[k] = openTime[i]!;
      candles.open[k] = parsed.values[0]![i]!;
      candles.high[k] = parsed.values[1]![i]!;
      candles.low[k] = parsed.values[2]![i]!;
      candles.close[k] = parsed.values[3]![i]!;
      candles.volume[k] = parsed.values[4]![i]!;
    }

    // A file of 4h bars imported as 1h is aligned but has three "missing" bars per row.
    if (n >= 3) {
      const spacing = new Map<number, number>();
      for (let k = 1; k < n; k++) {
        const d = candles.openTime[k]! - candles.openTime[k - 1]!;
        spacing.set(d, (spacing.get(d) ?? 0) + 1);
      }
      const [commonest] = [...spacing].sort((a, b) => b[1] - a[1])[0]!;
      if (commonest !== step) {
        throw bad(name, undefined, `rows are mostly ${commonest / 60_000} minutes apart, but the timeframe is ${timeframe} (${step / 60_000} minutes)`);
      }
    }

    const first = candles.openTime[0]!;
    const last = candles.openTime[n - 1]!;
    const { inserted } = await store.write(
      { exchange, symbol, timeframe },
      'import',
      { candles, spans: [{ from: first, to: last + step }] },
      { onConflict: options.onConflict ?? 'skip' },
    );
    return {
      exchange,
      symbol,
      timeframe,
      format: sniffed.columns === 12 ? 'binance-kline' : 'ohlcv',
      header: sniffed.header,
      timestampUnit: sawMs && sawUs ? 'mixed' : sawUs ? 'us' : 'ms',
      zipped,
      rows: n,
      inserted,
      alreadyCached: n - inserted,
      firstOpenTime: first,
      lastOpenTime: last,
      gaps: findGaps(candles.openTime, first, last + step, step),
    };
  } finally {
    if (tempFile) rmSync(tempFile, { force: true });
  }
}
