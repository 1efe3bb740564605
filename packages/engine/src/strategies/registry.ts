import { EngineError, describeValue } from '../errors';
import { bollingerReversion } from './bollinger-reversion';
import { donchianBreakout } from './donchian-breakout';
import { emaCross } from './ema-cross';
import { rsiReversion } from './rsi-reversion';
import type { ParamSpec, StrategyDefinition } from './types';

/** Every strategy the engine can run, by name. Adding one is a file plus a line here. */
export const strategyRegistry: Readonly<Record<string, StrategyDefinition>> = Object.freeze({
  [emaCross.name]: emaCross,
  [rsiReversion.name]: rsiReversion,
  [donchianBreakout.name]: donchianBreakout,
  [bollingerReversion.name]: bollingerReversion,
});

export const DEFAULT_STRATEGY = 'emaCross';

/** A strategy's description without functions: safe to serialise for the API and the UI's forms. */
export interface StrategyInfo {
  name: string;
  label: string;
  description: string;
  params: readonly ParamSpec[];
  constraints: { field: string; description: string }[];
}

/** Every registered strategy with its parameter specs, in registry order: what the API builds schemas from and the UI builds forms from. */
export function listStrategies(): StrategyInfo[] {
  return Object.values(strategyRegistry).map(describeStrategy);
}

/** The serialisable description of one strategy (specs copied, rule functions dropped). */
export function describeStrategy(s: StrategyDefinition): StrategyInfo {
  return {
    name: s.name,
    label: s.label,
    description: s.description,
    params: s.params.map((p) => ({ ...p })),
    constraints: s.constraints.map((c) => ({ field: c.field, description: c.description })),
  };
}

/** Looks a strategy up by name; an unknown name is an INVALID_CONFIG error listing the known ones. */
export function getStrategy(name: unknown, field = 'strategy'): StrategyDefinition {
  if (typeof name === 'string' && Object.prototype.hasOwnProperty.call(strategyRegistry, name)) {
    return strategyRegistry[name]!;
  }
  throw new EngineError(
    'INVALID_CONFIG',
    field,
    `${field} must be one of ${Object.keys(strategyRegistry).join(', ')}; got ${describeValue(name)}`,
  );
}
