import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinSeries, MIN_SERIES_POINTS, packSeries, splitSeries, unpackSeries } from './result-codec';

describe('result codec', () => {
  it('round-trips any result exactly, moving only long pair series out', () => {
    const pair = fc.tuple(fc.double({ noNaN: true }), fc.double({ noNaN: true }));
    const result = fc.record({
      metrics: fc.record({ sharpe: fc.double({ noNaN: true }), trades: fc.integer() }),
      equity: fc.array(pair, { minLength: 0, maxLength: 300 }),
      nested: fc.record({ oos: fc.record({ equity: fc.array(pair, { maxLength: 200 }) }), label: fc.string() }),
      short: fc.array(pair, { maxLength: MIN_SERIES_POINTS - 1 }),
      trades: fc.array(fc.record({ pnl: fc.double({ noNaN: true }), side: fc.constantFrom('long', 'short') }), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(result, (r) => {
        const { compact, series } = splitSeries(r);
        const restored = joinSeries(compact, unpackSeries(packSeries(series)));
        expect(restored).toEqual(r);
        expect(series.length).toBe([r.equity, r.nested.oos.equity].filter((s) => s.length >= MIN_SERIES_POINTS).length);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('keeps -0, tiny and huge doubles bit for bit', () => {
    const equity: [number, number][] = Array.from({ length: 100 }, (_, i) => [i, [Number.MIN_VALUE, -0, 1e308, 0.1 + 0.2][i % 4]!]);
    const { compact, series } = splitSeries({ equity });
    const back = joinSeries(compact, unpackSeries(packSeries(series))) as { equity: [number, number][] };
    expect(Object.is(back.equity[1]![1], -0)).toBe(true);
    expect(back.equity[3]![1]).toBe(0.1 + 0.2);
    expect(JSON.stringify(compact)).toBe('{"equity":{"$series":0}}');
  });

  it('names the problem when a stored reference has no series', () => {
    expect(() => joinSeries({ equity: { $series: 2 } }, [])).toThrow(/references series 2, but only 0 were stored/);
  });
});
