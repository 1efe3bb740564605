import type { ApiDeps } from '../../context';
import type { OptimizeInput, OptimizeResult } from '../../schemas/optimize';
import type { PortfolioInput, PortfolioResult } from '../../schemas/portfolio';
import type { RunInput, RunResult } from '../../schemas/run';
import type { WalkforwardInput, WalkforwardResult } from '../../schemas/walkforward';

/** Progress of a long computation, streamed to runs.progress subscribers. */
export interface Progress {
  /** Units done and total (evaluations, folds). */
  done: number;
  total: number;
  /** What is being done, e.g. "evaluating parameter sets". */
  stage: string;
  /** The best objective so far and its leaderboard, for live views. */
  partial?: unknown;
}

export interface ImplementationContext {
  deps: ApiDeps;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

/**
 * The four backtest-family computations. The real implementation runs the
 * engine on real candles; the mock returns deterministic results of exactly
 * the same shape without touching data or the engine. A feature flag picks
 * one per request.
 */
export interface BacktestImplementation {
  readonly kind: 'real' | 'mock';
  run(input: RunInput, ctx: ImplementationContext): Promise<RunResult>;
  optimize(input: OptimizeInput, ctx: ImplementationContext): Promise<OptimizeResult>;
  walkforward(input: WalkforwardInput, ctx: ImplementationContext): Promise<WalkforwardResult>;
  portfolio(input: PortfolioInput, ctx: ImplementationContext): Promise<PortfolioResult>;
}

export interface BacktestImplementations {
  real: BacktestImplementation;
  mock: BacktestImplementation;
}
