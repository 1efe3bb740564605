/**
 * Downloadable artifacts of a finished run: the full JSON result, and CSV views
 * of its equity curve, trades, folds, trials or correlation matrix — whichever
 * the run's kind produced. CSV cells are escaped against formula injection.
 */
import type { RunRow } from '@spark/db';

export const artifactNames = ['result.json', 'equity.csv', 'trades.csv', 'folds.csv', 'trials.csv', 'correlation.csv'] as const;
export type ArtifactName = (typeof artifactNames)[number];

export interface Artifact {
  name: ArtifactName;
  filename: string;
  contentType: string;
  body: string;
}

const plainNumber = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/**
 * One CSV cell. Text starting with = + - @ (or tab/CR) would be evaluated as a
 * formula by spreadsheet software, so it is prefixed with a quote (OWASP CSV
 * injection); real numbers, including negative ones, are written as they are.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text) && !plainNumber.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}

const iso = (ms: unknown) => (typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : '');

type Json = Record<string, unknown>;

function equityOf(result: Json): { equity: [number, number][]; drawdown?: [number, number][] } | undefined {
  const candidates = [result, result.portfolio, result.oos, result.stitched] as (Json | undefined)[];
  for (const c of candidates) {
    if (c && Array.isArray(c.equity)) return { equity: c.equity as [number, number][], drawdown: c.drawdown as [number, number][] | undefined };
  }
  return undefined;
}

/** A run's trades: a backtest's own, or a walk-forward's out-of-sample ones. */
function tradesOf(result: Json): Json[] | undefined {
  if (Array.isArray(result.trades)) return result.trades as Json[];
  const oos = result.oos as Json | undefined;
  return oos && Array.isArray(oos.trades) ? (oos.trades as Json[]) : undefined;
}

/** The artifacts a run offers, by what its stored result contains. */
export function availableArtifacts(run: Pick<RunRow, 'status' | 'result'>): ArtifactName[] {
  if (run.status !== 'done' || !run.result || typeof run.result !== 'object') return [];
  const r = run.result as Json;
  const names: ArtifactName[] = ['result.json'];
  if (equityOf(r)) names.push('equity.csv');
  if (tradesOf(r)) names.push('trades.csv');
  if (Array.isArray(r.folds)) names.push('folds.csv');
  if (Array.isArray(r.trials)) names.push('trials.csv');
  if (r.correlation && typeof r.correlation === 'object') names.push('correlation.csv');
  return names;
}

/** Renders one artifact, or undefined when the run does not have it. */
export function renderArtifact(run: Pick<RunRow, 'id' | 'status' | 'result'>, name: ArtifactName): Artifact | undefined {
  if (!availableArtifacts(run).includes(name)) return undefined;
  const r = run.result as Json;
  const filename = `${run.id}-${name}`;
  const csv = (body: string): Artifact => ({ name, filename, contentType: 'text/csv; charset=utf-8', body });
  switch (name) {
    case 'result.json':
      return { name, filename, contentType: 'application/json', body: JSON.stringify(r, null, 2) };
    case 'equity.csv': {
      const { equity, drawdown } = equityOf(r)!;
      return csv(toCsv(['open_time', 'open_time_ms', 'equity', 'drawdown'], equity.map(([t, e], i) => [iso(t), t, e, drawdown?.[i]?.[1] ?? null])));
    }
    case 'trades.csv':
      return csv(
        toCsv(
          ['entry_time', 'exit_time', 'side', 'entry_price', 'exit_price', 'qty', 'fees', 'pnl', 'return', 'bars_held', 'reason'],
          tradesOf(r)!.map((t) => [iso(t.entryTime), iso(t.exitTime), t.side, t.entryPrice, t.exitPrice, t.qty, t.fees, t.pnl, t.return, t.barsHeld, t.reason]),
        ),
      );
    case 'folds.csv': {
      const folds = r.folds as Json[];
      return csv(
        toCsv(
          ['fold', 'in_sample_start', 'in_sample_end', 'out_of_sample_start', 'out_of_sample_end', 'params', 'in_sample_sharpe', 'out_of_sample_sharpe', 'out_of_sample_return'],
          folds.map((f) => {
            const inSample = (f.inSample ?? {}) as Json;
            const outOfSample = (f.outOfSample ?? {}) as Json;
            const isMetrics = (f.inSampleMetrics ?? {}) as Json;
            const oosMetrics = (f.outOfSampleMetrics ?? {}) as Json;
            return [f.fold, iso(inSample.start), iso(inSample.end), iso(outOfSample.start), iso(outOfSample.end), f.params, isMetrics.sharpe, oosMetrics.sharpe, oosMetrics.totalReturn];
          }),
        ),
      );
    }
    case 'trials.csv': {
      const trials = r.trials as Json[];
      const paramKeys = [...new Set(trials.flatMap((t) => Object.keys((t.params ?? {}) as Json)))].sort();
      const metricKeys = [...new Set(trials.flatMap((t) => Object.keys((t.metrics ?? {}) as Json)))];
      return csv(
        toCsv(
          ['trial', ...paramKeys, 'score', ...metricKeys],
          trials.map((t, i) => [i + 1, ...paramKeys.map((k) => ((t.params ?? {}) as Json)[k]), t.score, ...metricKeys.map((k) => ((t.metrics ?? {}) as Json)[k])]),
        ),
      );
    }
    case 'correlation.csv': {
      const c = r.correlation as { symbols: string[]; matrix: number[][] };
      return csv(toCsv(['symbol', ...c.symbols], c.matrix.map((row, i) => [c.symbols[i], ...row])));
    }
  }
}
