import { EngineError, describeValue } from '../errors';
import type { Metrics } from '../sim/types';

/** Metrics an optimizer can maximise. */
export const objectives = ['sharpe', 'sortino', 'calmar', 'totalReturn', 'profitFactor'] as const;
export type Objective = (typeof objectives)[number];

export function assertObjective(value: unknown, field = 'objective'): Objective {
  if (value === undefined) return 'sharpe';
  if (typeof value !== 'string' || !(objectives as readonly string[]).includes(value)) {
    throw new EngineError('INVALID_CONFIG', field, `${field} must be one of ${objectives.join(', ')}; got ${describeValue(value)}`);
  }
  return value as Objective;
}

/**
 * The number an optimizer maximises. A profit factor is unbounded when no
 * trade lost money: such a candidate scores Number.MAX_VALUE if it has a
 * winning trade (finite, so it survives JSON) and 0 if it has no winner.
 */
export function scoreOf(metrics: Metrics, objective: Objective): number {
  switch (objective) {
    case 'sharpe':
      return metrics.sharpe;
    case 'sortino':
      return metrics.sortino;
    case 'calmar':
      return metrics.calmar;
    case 'totalReturn':
      return metrics.totalReturn;
    case 'profitFactor':
      return metrics.profitFactor ?? (metrics.winRate > 0 ? Number.MAX_VALUE : 0);
  }
}
