/**
 * What a run list row says about a run, read from its stored request and
 * summary (both JSON of any age, so every field is optional).
 */
import { isRecord, toList } from './forms/coerce';
import { backtestPage } from './forms/backtest';
import { optimizePage } from './forms/optimize';
import { hrefFor, type PageForm } from './forms/page-form';
import { portfolioPage } from './forms/portfolio';
import { walkforwardPage } from './forms/walkforward';

export type RunKindName = 'run' | 'walkforward' | 'portfolio' | 'optimize';

export const KIND_LABEL: Record<RunKindName, string> = {
  run: 'Backtest',
  walkforward: 'Walk-forward',
  portfolio: 'Portfolio',
  optimize: 'Optimization',
};

export const PAGE_OF: Record<RunKindName, PageForm<unknown>> = {
  run: backtestPage as PageForm<unknown>,
  walkforward: walkforwardPage as PageForm<unknown>,
  portfolio: portfolioPage as PageForm<unknown>,
  optimize: optimizePage as PageForm<unknown>,
};

export type Headline =
  | { kind: 'metrics'; sharpe: number | null; totalReturn: number | null }
  | { kind: 'verdict'; verdict: 'overfit' | 'robust' | 'inconclusive'; ratio: number | null; pbo: number | null }
  | { kind: 'optimize'; method: string; evaluated: number | null; combinations: number | null; bestScore: number | null; objective: string | null }
  | { kind: 'none' };

export interface RunDescription {
  market: string;
  strategy: string | null;
  headline: Headline;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function describeRun(run: { kind: RunKindName; request: unknown; summary: unknown }): RunDescription {
  const r = isRecord(run.request) ? run.request : {};
  const s = isRecord(run.summary) ? run.summary : {};
  const symbols = run.kind === 'portfolio' ? toList(r.symbols) : typeof r.symbol === 'string' ? [r.symbol] : [];
  const inline = isRecord(r.candles) ? 'inline candles' : null;
  const where = [symbols.length > 3 ? `${symbols.slice(0, 3).join(', ')} +${symbols.length - 3}` : symbols.join(', ') || inline, typeof r.timeframe === 'string' ? r.timeframe : null, typeof r.exchange === 'string' && !inline ? r.exchange : null];
  const market = where.filter(Boolean).join(' · ') || '—';
  const strategy = isRecord(r.strategy) && typeof r.strategy.name === 'string' ? r.strategy.name : null;
  let headline: Headline = { kind: 'none' };
  if (run.kind === 'walkforward' && (s.verdict === 'overfit' || s.verdict === 'robust' || s.verdict === 'inconclusive')) {
    headline = { kind: 'verdict', verdict: s.verdict, ratio: num(s.ratio), pbo: num(s.pbo) };
  } else if (run.kind === 'optimize' && Object.keys(s).length > 0) {
    headline = {
      kind: 'optimize',
      method: typeof s.method === 'string' ? s.method : 'grid',
      evaluated: num(s.evaluated),
      combinations: num(s.combinations),
      bestScore: num(s.bestScore),
      objective: typeof s.objective === 'string' ? s.objective : null,
    };
  } else if ((run.kind === 'run' || run.kind === 'portfolio') && Object.keys(s).length > 0) {
    headline = { kind: 'metrics', sharpe: num(s.sharpe), totalReturn: num(s.totalReturn) };
  }
  return { market, strategy, headline };
}

/** The page a run came from, with its request loaded, to re-run or adjust it. */
export function reopenHref(run: { kind: RunKindName; request: unknown }): string | null {
  if (isRecord(run.request) && isRecord(run.request.candles)) return null;
  return hrefFor(PAGE_OF[run.kind], run.request);
}
