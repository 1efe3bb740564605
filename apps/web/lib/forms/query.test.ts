import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fromQuery, searchParamsToQuery, toQuery } from './query';

describe('toQuery / fromQuery', () => {
  it('flattens nested requests into dotted keys and comma lists', () => {
    const qs = toQuery({
      symbol: 'BTCUSDT',
      strategy: { name: 'emaCross', params: { emaFast: 20, direction: 'long' } },
      symbols: ['BTCUSDT', 'ETHUSDT'],
      feeBps: 10,
      skipped: undefined,
      nan: Number.NaN,
    }).toString();
    expect(qs).toBe('symbol=BTCUSDT&strategy.name=emaCross&strategy.params.emaFast=20&strategy.params.direction=long&symbols=BTCUSDT%2CETHUSDT&feeBps=10');
  });

  it('nests dotted keys back into objects of strings', () => {
    expect(fromQuery(new URLSearchParams('strategy.name=emaCross&strategy.params.emaFast=20&symbols=A,B'))).toEqual({
      strategy: { name: 'emaCross', params: { emaFast: '20' } },
      symbols: 'A,B',
    });
  });

  it('ignores keys that would reach the object prototype', () => {
    const tree = fromQuery(new URLSearchParams('__proto__.polluted=1&constructor.prototype.x=1&a..b=1&ok=1'));
    expect(tree).toEqual({ ok: '1' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  const key = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,8}$/).filter((k) => !['constructor', 'prototype'].includes(k));
  const leaf = fc.oneof(fc.stringMatching(/^[A-Za-z0-9 _:-]{1,12}$/), fc.integer({ min: -1e6, max: 1e6 }).map(String));
  const tree: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
    node: fc.dictionary(key, fc.oneof({ depthSize: 'small' }, leaf, tie('node')), { minKeys: 1, maxKeys: 4 }),
  })).node as fc.Arbitrary<Record<string, unknown>>;

  const hasEmptyObject = (v: unknown): boolean =>
    typeof v === 'object' && v !== null && (Object.keys(v).length === 0 || Object.values(v).some(hasEmptyObject));

  test.prop([tree.filter((t) => !hasEmptyObject(t))])('reads back every tree of strings it writes', (t) => {
    expect(fromQuery(new URLSearchParams(toQuery(t).toString()))).toEqual(t);
  });
});

describe('searchParamsToQuery', () => {
  it("turns Next's searchParams prop back into a query string, first value of repeated keys", () => {
    expect(searchParamsToQuery({ symbol: 'BTCUSDT', 'strategy.params.emaFast': '20', tag: ['a', 'b'], none: undefined })).toBe('symbol=BTCUSDT&strategy.params.emaFast=20&tag=a');
  });
});
