/** The headline numbers each run kind keeps in `runs.summary`, and what it stores for artifacts. */
import type { OptimizeResult } from '../schemas/optimize';
import type { PortfolioResult } from '../schemas/portfolio';
import type { RunResult } from '../schemas/run';
import type { WalkforwardResult } from '../schemas/walkforward';
import type { RunOutcome } from './runs';

export function runOutcome(result: RunResult): RunOutcome<RunResult> {
  const { candles: _c, indicators: _i, ...stored } = result;
  return { result, stored, summary: { ...result.metrics, bars: result.data.bars, source: result.data.source } };
}

export function walkforwardOutcome(result: WalkforwardResult): RunOutcome<WalkforwardResult> {
  const { candles: _candles, ...stored } = result;
  const summary =
    result.kind === 'simple'
      ? { kind: 'simple', verdict: result.verdict, ratio: result.ratio, trainSharpe: result.trainSharpe, testSharpe: result.testSharpe }
      : { kind: 'folds', verdict: result.verdict, folds: result.folds.length, pbo: result.pbo.pbo, dsr: result.deflatedSharpe.dsr, efficiency: result.walkForwardEfficiency };
  return { result, stored, summary };
}

export function portfolioOutcome(result: PortfolioResult): RunOutcome<PortfolioResult> {
  return { result, summary: { ...result.metrics, symbols: result.symbols, avgCorrelation: result.avgCorrelation, diversificationBenefit: result.diversificationBenefit } };
}

export function optimizeOutcome(result: OptimizeResult): RunOutcome<OptimizeResult> {
  return {
    result,
    summary: { method: result.method, objective: result.objective, combinations: result.combinations, evaluated: result.evaluated, bestScore: result.best.score, bestParams: result.best.params },
  };
}
