import type { EnumParamSpec, IntParamSpec, ParamValues, RealParamSpec } from './types';

/** Every strategy uses the same ATR protective stop and direction switch, so they share these specs. */
export const atrParam: IntParamSpec = {
  name: 'atr',
  label: 'ATR period',
  type: 'int',
  min: 2,
  max: 500,
  default: 14,
  description: "Bars in the Wilder average true range that sizes the protective stop.",
};

export const atrMultParam: RealParamSpec = {
  name: 'atrMult',
  label: 'Stop distance (ATR multiples)',
  type: 'real',
  min: 0,
  exclusiveMin: true,
  max: 50,
  default: 2,
  description: 'The stop sits this many ATRs from the entry fill, fixed for the life of the trade.',
};

export const directionParam: EnumParamSpec = {
  name: 'direction',
  label: 'Direction',
  type: 'enum',
  options: ['long', 'short', 'both'],
  default: 'long',
  description: "Trade long only, short only, or both (an opposite signal reverses the position at the next open).",
};

/** Reads a validated numeric parameter. */
export function num(params: ParamValues, name: string): number {
  return params[name] as number;
}
