import { describe, expect, it } from 'vitest';
import { varyingParams } from './walkforward';

describe('varyingParams', () => {
  it('lists the parameters the folds chose differently, and states the rest once', () => {
    const folds = [
      { params: { emaFast: 20, emaSlow: 38, atr: 14, direction: 'long' } },
      { params: { emaFast: 25, emaSlow: 38, atr: 14, direction: 'long' } },
      { params: { emaFast: 20, emaSlow: 63, atr: 14, direction: 'long' } },
    ];
    expect(varyingParams(folds)).toEqual({ varying: ['emaFast', 'emaSlow'], fixed: { atr: 14, direction: 'long' } });
  });

  it('shows every parameter when all folds agree', () => {
    expect(varyingParams([{ params: { a: 1, b: 'x' } }, { params: { a: 1, b: 'x' } }])).toEqual({ varying: ['a', 'b'], fixed: {} });
  });
});
