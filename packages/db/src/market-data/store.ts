/**
 * The DuckDB candle cache: one database file, one candle table keyed by
 * (series, open_time) where a series is (exchange, symbol, timeframe), and a
 * coverage table recording which time spans were fully answered by the source
 * (so bars an exchange never had are known gaps, not cache misses).
 *
 * Writes go through one connection behind a mutex, each in a transaction:
 * rows and coverage commit together or not at all. Reads use their own
 * connections and see the last committed state (DuckDB MVCC).
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DOUBLE, DuckDBConnection, DuckDBDataChunk, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { MarketDataError } from './errors';
import { Mutex } from './lock';
import { mergeSpans, type Span } from './ranges';
import { CANDLE_COLUMNS, emptyCandles, type Candles, type Timeframe } from './types';

export const SCHEMA_VERSION = '1';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE SEQUENCE IF NOT EXISTS series_id_seq START 1;
CREATE TABLE IF NOT EXISTS series (
  id INTEGER PRIMARY KEY DEFAULT nextval('series_id_seq'),
  exchange VARCHAR NOT NULL,
  symbol VARCHAR NOT NULL,
  timeframe VARCHAR NOT NULL,
  origin VARCHAR NOT NULL CHECK (origin IN ('exchange', 'import')),
  UNIQUE (exchange, symbol, timeframe)
);
CREATE TABLE IF NOT EXISTS candles (
  series_id INTEGER NOT NULL,
  open_time BIGINT NOT NULL,
  open DOUBLE NOT NULL,
  high DOUBLE NOT NULL,
  low DOUBLE NOT NULL,
  close DOUBLE NOT NULL,
  volume DOUBLE NOT NULL,
  PRIMARY KEY (series_id, open_time),
  CHECK (isfinite(open) AND isfinite(high) AND isfinite(low) AND isfinite(close) AND isfinite(volume)),
  CHECK (low > 0 AND low <= least(open, close) AND high >= greatest(open, close) AND volume >= 0)
);
CREATE TABLE IF NOT EXISTS coverage (
  series_id INTEGER NOT NULL,
  from_ms BIGINT NOT NULL,
  to_ms BIGINT NOT NULL,
  CHECK (to_ms > from_ms)
);
`;

export type SeriesOrigin = 'exchange' | 'import';

export interface SeriesKey {
  exchange: string;
  symbol: string;
  timeframe: Timeframe;
}

export interface SeriesInfo extends SeriesKey {
  origin: SeriesOrigin;
  rows: number;
  /** First and last cached openTime (epoch ms), null when the series is empty. */
  firstOpenTime: number | null;
  lastOpenTime: number | null;
  coveredSpans: number;
}

export interface WriteBatch {
  /** Rows to store; must lie inside the union of `spans`. */
  candles: Candles;
  /** Spans the source answered completely; merged into coverage. */
  spans: Span[];
}

export interface WriteOptions {
  /** skip: keep existing rows (idempotent insert). replace: overwrite them with the new values. */
  onConflict?: 'skip' | 'replace';
  /** Test seam: runs inside the transaction after the inserts, before COMMIT. */
  beforeCommit?: () => void | Promise<void>;
}

export interface StoreOpenResult {
  store: CandleStore;
  warnings: string[];
}

interface SharedInstance {
  instance: DuckDBInstance;
  writeLock: Mutex;
  refs: number;
}

/**
 * DuckDB lets one process open a file once; opening the same file twice in a process
 * gives two instances that would overwrite each other. Instances are therefore shared
 * per resolved path across every store in the process (Next.js evaluates modules twice,
 * hence globalThis).
 */
const registryKey = Symbol.for('spark.market-data.duckdb-instances');
function registry(): Map<string, Promise<SharedInstance>> {
  const g = globalThis as unknown as Record<symbol, Map<string, Promise<SharedInstance>> | undefined>;
  return (g[registryKey] ??= new Map());
}

function isLockConflict(error: unknown): boolean {
  return error instanceof Error && /could not set lock|conflicting lock/i.test(error.message);
}

function cacheError(action: string, error: unknown): MarketDataError {
  if (error instanceof MarketDataError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MarketDataError('CACHE_ERROR', `candle cache: ${action} failed: ${message}`, { cause: error });
}

const READER_CONNECTIONS = 2;
const CHUNK_ROWS = 2048;

export class CandleStore {
  readonly path: string;
  readonly persistent: boolean;
  private readonly shared: SharedInstance;
  private readonly sharedKey: string;
  private writer!: DuckDBConnection;
  private readonly readers: DuckDBConnection[] = [];
  private readonly idleReaders: DuckDBConnection[] = [];
  private readonly readerWaiters: ((c: DuckDBConnection) => void)[] = [];
  private readonly seriesIds = new Map<string, number>();
  private closed = false;

  private constructor(path: string, persistent: boolean, shared: SharedInstance, sharedKey: string) {
    this.path = path;
    this.persistent = persistent;
    this.shared = shared;
    this.sharedKey = sharedKey;
  }

  /**
   * Opens (creating if needed) the cache at `path` (':memory:' for a private
   * in-memory cache). When another process holds the file's lock, falls back to
   * an in-memory cache and says so in `warnings` instead of failing requests.
   */
  static async open(path: string): Promise<StoreOpenResult> {
    const warnings: string[] = [];
    const inMemory = path === ':memory:';
    const resolved = inMemory ? ':memory:' : resolve(path);
    let shared: SharedInstance;
    let key: string;
    let persistent = !inMemory;
    try {
      if (inMemory) throw new Error('in-memory');
      mkdirSync(dirname(resolved), { recursive: true });
      key = resolved;
      shared = await acquire(key, () => DuckDBInstance.create(resolved));
    } catch (error) {
      if (!inMemory && !isLockConflict(error)) throw cacheError(`opening ${resolved}`, error);
      if (!inMemory) {
        warnings.push(
          `the candle cache file ${resolved} is locked by another process; this process caches candles in memory only until it restarts`,
        );
      }
      persistent = false;
      key = `:memory:${Math.random().toString(36).slice(2)}`;
      shared = await acquire(key, () => DuckDBInstance.create(':memory:'));
    }
    const store = new CandleStore(resolved, persistent, shared, key);
    try {
      await store.init();
    } catch (error) {
      await store.close();
      throw cacheError(`initialising ${resolved}`, error);
    }
    return { store, warnings };
  }

  private async init(): Promise<void> {
    this.writer = await this.shared.instance.connect();
    await this.shared.writeLock.run(async () => {
      await this.writer.run(SCHEMA);
      const version = await this.writer.runAndReadAll(`SELECT value FROM meta WHERE key = 'schema_version'`);
      const found = version.getRowsJS()[0]?.[0];
      if (found === undefined) {
        await this.writer.run(`INSERT INTO meta VALUES ('schema_version', '${SCHEMA_VERSION}')`);
      } else if (found !== SCHEMA_VERSION) {
        throw new MarketDataError(
          'CACHE_ERROR',
          `candle cache ${this.path} has schema version ${String(found)}, this build reads version ${SCHEMA_VERSION}; move the file aside to start a fresh cache`,
        );
      }
    });
    await this.writer.run(
      `CREATE TEMP TABLE IF NOT EXISTS staging (open_time DOUBLE, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, volume DOUBLE)`,
    );
    for (let i = 0; i < READER_CONNECTIONS; i++) {
      const c = await this.shared.instance.connect();
      this.readers.push(c);
      this.idleReaders.push(c);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new MarketDataError('CACHE_ERROR', 'candle cache: the store is closed');
  }

  private async withReader<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    this.assertOpen();
    const c = this.idleReaders.pop() ?? (await new Promise<DuckDBConnection>((r) => this.readerWaiters.push(r)));
    try {
      return await fn(c);
    } finally {
      const next = this.readerWaiters.shift();
      if (next) next(c);
      else this.idleReaders.push(c);
    }
  }

  /** Runs `fn` on a connection of its own (for long reads such as an import's CSV scan), closed afterwards. */
  async withScratchConnection<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    this.assertOpen();
    const c = await this.shared.instance.connect();
    try {
      return await fn(c);
    } finally {
      c.closeSync();
    }
  }

  /** Runs `fn` with the single writer connection, after every earlier write finished. */
  async withWriter<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    this.assertOpen();
    return this.shared.writeLock.run(() => fn(this.writer));
  }

  /** Runs `fn` in a transaction on the writer connection; rolls back on any error. */
  async transaction<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.withWriter(async (c) => {
      await c.run('BEGIN TRANSACTION');
      try {
        const result = await fn(c);
        await c.run('COMMIT');
        return result;
      } catch (error) {
        try {
          await c.run('ROLLBACK');
        } catch {
          // The transaction may already be aborted by DuckDB; the original error matters.
        }
        throw error;
      }
    });
  }

  private static seriesKey(k: SeriesKey): string {
    return `${k.exchange}\u0000${k.symbol}\u0000${k.timeframe}`;
  }

  /** The series' id, or undefined when the cache has never stored it. */
  async findSeries(k: SeriesKey): Promise<number | undefined> {
    const key = CandleStore.seriesKey(k);
    const known = this.seriesIds.get(key);
    if (known !== undefined) return known;
    const id = await this.withReader(async (c) => {
      const r = await c.runAndReadAll(`SELECT id FROM series WHERE exchange = $1 AND symbol = $2 AND timeframe = $3`, [
        k.exchange,
        k.symbol,
        k.timeframe,
      ]);
      return r.getRowsJS()[0]?.[0] as number | undefined;
    });
    if (id !== undefined) this.seriesIds.set(key, id);
    return id;
  }

  /** The series' id, creating the series row when needed (on the writer, inside its transaction). */
  private async ensureSeries(c: DuckDBConnection, k: SeriesKey, origin: SeriesOrigin): Promise<number> {
    const key = CandleStore.seriesKey(k);
    const known = this.seriesIds.get(key);
    if (known !== undefined) return known;
    const found = await c.runAndReadAll(`SELECT id FROM series WHERE exchange = $1 AND symbol = $2 AND timeframe = $3`, [
      k.exchange,
      k.symbol,
      k.timeframe,
    ]);
    let id = found.getRowsJS()[0]?.[0] as number | undefined;
    if (id === undefined) {
      const inserted = await c.runAndReadAll(
        `INSERT INTO series (exchange, symbol, timeframe, origin) VALUES ($1, $2, $3, $4) RETURNING id`,
        [k.exchange, k.symbol, k.timeframe, origin],
      );
      id = inserted.getRowsJS()[0]![0] as number;
    }
    return id;
  }

  /** Exchange names that have any series of the given origin. */
  async exchanges(origin?: SeriesOrigin): Promise<string[]> {
    return this.withReader(async (c) => {
      const r = origin
        ? await c.runAndReadAll(`SELECT DISTINCT exchange FROM series WHERE origin = $1 ORDER BY 1`, [origin])
        : await c.runAndReadAll(`SELECT DISTINCT exchange FROM series ORDER BY 1`);
      return r.getRowsJS().map((row) => String(row[0]));
    });
  }

  /** Symbols stored under an exchange (optionally for one timeframe). */
  async symbols(exchange: string, timeframe?: Timeframe): Promise<string[]> {
    return this.withReader(async (c) => {
      const r = timeframe
        ? await c.runAndReadAll(`SELECT DISTINCT symbol FROM series WHERE exchange = $1 AND timeframe = $2 ORDER BY 1`, [exchange, timeframe])
        : await c.runAndReadAll(`SELECT DISTINCT symbol FROM series WHERE exchange = $1 ORDER BY 1`, [exchange]);
      return r.getRowsJS().map((row) => String(row[0]));
    });
  }

  /** Covered spans of a series that overlap `window`, merged and ascending. */
  async coverage(seriesId: number, window: Span): Promise<Span[]> {
    return this.withReader(async (c) => {
      const r = await c.runAndReadAll(
        `SELECT from_ms, to_ms FROM coverage WHERE series_id = $1 AND to_ms > $2 AND from_ms < $3 ORDER BY from_ms`,
        [seriesId, window.from, window.to],
      );
      return mergeSpans(r.getRowsJS().map((row) => ({ from: Number(row[0]), to: Number(row[1]) })));
    });
  }

  /**
   * Cached bars of a series with openTime in [from, to), read column-wise into typed arrays:
   * the materialised result's chunks are walked vector by vector (no row objects). Measured
   * on 50,000 rows: ~7 ms this way, ~17 ms through getColumnsJS plus Float64Array.from.
   */
  async read(seriesId: number, window: Span): Promise<Candles> {
    return this.withReader(async (c) => {
      try {
        const result = await c.run(
          `SELECT CAST(open_time AS DOUBLE), open, high, low, close, volume FROM candles
           WHERE series_id = $1 AND open_time >= $2 AND open_time < $3 ORDER BY open_time`,
          [seriesId, window.from, window.to],
        );
        const out = emptyCandles(result.rowCount);
        const columns = CANDLE_COLUMNS.map((k) => out[k]);
        let offset = 0;
        for (let ci = 0; ci < result.chunkCount; ci++) {
          const chunk = result.getChunk(ci);
          const rows = chunk.rowCount;
          for (let k = 0; k < 6; k++) {
            const vector = chunk.getColumnVector(k);
            const target = columns[k]!;
            for (let i = 0; i < rows; i++) target[offset + i] = vector.getItem(i) as number;
          }
          offset += rows;
        }
        return out;
      } catch (error) {
        throw cacheError('reading candles', error);
      }
    });
  }

  /** Loads `candles` into the writer's temp staging table through the appender, 2048 rows per chunk. */
  private async stage(c: DuckDBConnection, candles: Candles): Promise<void> {
    await c.run('DELETE FROM staging');
    const n = candles.openTime.length;
    if (n === 0) return;
    const appender = await c.createAppender('staging', 'main', 'temp');
    try {
      const types = [DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE];
      const columns = CANDLE_COLUMNS.map((k) => candles[k]);
      for (let offset = 0; offset < n; offset += CHUNK_ROWS) {
        const rows = Math.min(CHUNK_ROWS, n - offset);
        const chunk = DuckDBDataChunk.create(types, rows);
        for (let k = 0; k < 6; k++) {
          const vector = chunk.getColumnVector(k);
          const source = columns[k]!;
          for (let i = 0; i < rows; i++) vector.setItem(i, source[offset + i]!);
          vector.flush();
        }
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  /** Merges `spans` into the series' coverage rows (inside the caller's transaction). */
  private async addCoverage(c: DuckDBConnection, seriesId: number, spans: Span[]): Promise<void> {
    const merged = mergeSpans(spans);
    if (merged.length === 0) return;
    const lo = merged[0]!.from;
    const hi = merged[merged.length - 1]!.to;
    const existing = await c.runAndReadAll(
      `SELECT from_ms, to_ms FROM coverage WHERE series_id = $1 AND to_ms >= $2 AND from_ms <= $3`,
      [seriesId, lo, hi],
    );
    const all = mergeSpans([...merged, ...existing.getRowsJS().map((r) => ({ from: Number(r[0]), to: Number(r[1]) }))]);
    await c.run(`DELETE FROM coverage WHERE series_id = $1 AND to_ms >= $2 AND from_ms <= $3`, [seriesId, lo, hi]);
    for (const s of all) {
      await c.run(`INSERT INTO coverage VALUES ($1, $2, $3)`, [seriesId, s.from, s.to]);
    }
  }

  /**
   * Stores bars and the spans they answer, atomically: either every row and the
   * coverage commit, or nothing does. Returns the number of rows newly inserted
   * (rows already present are kept, or overwritten with onConflict 'replace').
   */
  async write(series: SeriesKey, origin: SeriesOrigin, batch: WriteBatch, options: WriteOptions = {}): Promise<{ inserted: number }> {
    if (batch.candles.openTime.length === 0 && batch.spans.length === 0) return { inserted: 0 };
    try {
      return await this.withWriter(async (c) => {
        await this.stage(c, batch.candles);
        await c.run('BEGIN TRANSACTION');
        try {
          const seriesId = await this.ensureSeries(c, series, origin);
          const conflict =
            options.onConflict === 'replace'
              ? `ON CONFLICT DO UPDATE SET open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume`
              : `ON CONFLICT DO NOTHING`;
          const inserted = await c.run(
            `INSERT INTO candles SELECT $1, CAST(open_time AS BIGINT), open, high, low, close, volume FROM staging ${conflict}`,
            [seriesId],
          );
          await this.addCoverage(c, seriesId, batch.spans);
          await options.beforeCommit?.();
          await c.run('COMMIT');
          this.seriesIds.set(CandleStore.seriesKey(series), seriesId);
          return { inserted: inserted.rowsChanged };
        } catch (error) {
          try {
            await c.run('ROLLBACK');
          } catch {
            // Already rolled back by DuckDB after a failed statement.
          }
          throw error;
        }
      });
    } catch (error) {
      throw cacheError(`storing ${batch.candles.openTime.length} ${series.exchange} ${series.symbol} ${series.timeframe} bars`, error);
    }
  }

  async listSeries(): Promise<SeriesInfo[]> {
    return this.withReader(async (c) => {
      const r = await c.runAndReadAll(`
        SELECT s.exchange, s.symbol, s.timeframe, s.origin,
               (SELECT count(*) FROM candles c WHERE c.series_id = s.id),
               (SELECT min(open_time) FROM candles c WHERE c.series_id = s.id),
               (SELECT max(open_time) FROM candles c WHERE c.series_id = s.id),
               (SELECT count(*) FROM coverage v WHERE v.series_id = s.id)
        FROM series s ORDER BY s.exchange, s.symbol, s.timeframe`);
      return r.getRowsJS().map((row) => ({
        exchange: String(row[0]),
        symbol: String(row[1]),
        timeframe: String(row[2]) as Timeframe,
        origin: String(row[3]) as SeriesOrigin,
        rows: Number(row[4]),
        firstOpenTime: row[5] === null ? null : Number(row[5]),
        lastOpenTime: row[6] === null ? null : Number(row[6]),
        coveredSpans: Number(row[7]),
      }));
    });
  }

  /** Bytes on disk (database file plus write-ahead log); 0 for an in-memory cache. */
  sizeOnDisk(): number {
    if (!this.persistent) return 0;
    let total = 0;
    for (const file of [this.path, `${this.path}.wal`]) {
      try {
        total += statSync(/*turbopackIgnore: true*/ file).size;
      } catch {
        // No WAL right after a checkpoint.
      }
    }
    return total;
  }

  /**
   * Deletes cached bars of the matching series. With `olderThan`, only bars that
   * open before it go (and coverage is clipped to match); otherwise the series
   * and its coverage go too. Returns deleted row and series counts.
   */
  async deleteSeries(
    filter: { exchange?: string; symbol?: string; timeframe?: Timeframe; olderThan?: number },
  ): Promise<{ deletedRows: number; deletedSeries: number }> {
    const where: string[] = [];
    const params: DuckDBValue[] = [];
    for (const key of ['exchange', 'symbol', 'timeframe'] as const) {
      const value = filter[key];
      if (value !== undefined) {
        params.push(value);
        where.push(`${key} = $${params.length}`);
      }
    }
    const seriesWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    try {
      const result = await this.transaction(async (c) => {
        const ids = (await c.runAndReadAll(`SELECT id FROM series ${seriesWhere}`, params)).getRowsJS().map((r) => Number(r[0]));
        if (ids.length === 0) return { deletedRows: 0, deletedSeries: 0 };
        const idList = ids.join(',');
        if (filter.olderThan !== undefined) {
          const t = filter.olderThan;
          const deleted = await c.run(`DELETE FROM candles WHERE series_id IN (${idList}) AND open_time < $1`, [t]);
          await c.run(`DELETE FROM coverage WHERE series_id IN (${idList}) AND to_ms <= $1`, [t]);
          await c.run(`UPDATE coverage SET from_ms = $1 WHERE series_id IN (${idList}) AND from_ms < $1`, [t]);
          return { deletedRows: deleted.rowsChanged, deletedSeries: 0 };
        }
        const deleted = await c.run(`DELETE FROM candles WHERE series_id IN (${idList})`);
        await c.run(`DELETE FROM coverage WHERE series_id IN (${idList})`);
        await c.run(`DELETE FROM series WHERE id IN (${idList})`);
        return { deletedRows: deleted.rowsChanged, deletedSeries: ids.length };
      });
      if (result.deletedSeries > 0) this.seriesIds.clear();
      // Reclaims the freed blocks in the file now rather than at the next automatic checkpoint.
      await this.withWriter((c) => c.run('CHECKPOINT'));
      return result;
    } catch (error) {
      throw cacheError('cleanup', error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const c of this.readers) c.closeSync();
    this.writer?.closeSync();
    await release(this.sharedKey);
  }
}

async function acquire(key: string, create: () => Promise<DuckDBInstance>): Promise<SharedInstance> {
  const map = registry();
  let entry = map.get(key);
  if (!entry) {
    entry = create().then((instance) => ({ instance, writeLock: new Mutex(), refs: 0 }));
    map.set(key, entry);
    entry.catch(() => map.delete(key));
  }
  const shared = await entry;
  shared.refs += 1;
  return shared;
}

async function release(key: string): Promise<void> {
  const map = registry();
  const entry = map.get(key);
  if (!entry) return;
  const shared = await entry;
  shared.refs -= 1;
  if (shared.refs <= 0) {
    map.delete(key);
    shared.instance.closeSync();
  }
}
