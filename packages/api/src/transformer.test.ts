import fc from 'fast-check';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { isPlainJson, transformer } from './transformer';

describe('transformer', () => {
  it('round-trips anything superjson supports, exactly as superjson does', () => {
    fc.assert(
      fc.property(fc.anything({ withDate: true, withMap: true, withSet: true, withBigInt: true, withNullPrototype: false, withBoxedValues: false, withSparseArray: false, withTypedArray: false }), (value) => {
        let expected: unknown;
        try {
          expected = superjson.deserialize(superjson.serialize(value));
        } catch (error) {
          expect(() => transformer.serialize(value)).toThrow((error as Error).message);
          return;
        }
        const wire = JSON.parse(JSON.stringify(transformer.serialize(value)));
        expect(transformer.deserialize(wire)).toEqual(expected);
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it('takes the fast path only for plain JSON', () => {
    expect(isPlainJson({ equity: [[1, 2.5]], ok: true, s: 'x', n: null }, 0)).toBe(true);
    expect(isPlainJson({ at: new Date(0) }, 0)).toBe(false);
    expect(isPlainJson({ x: Number.NaN }, 0)).toBe(false);
    expect(isPlainJson({ x: -0 }, 0)).toBe(false);
    expect(isPlainJson({ x: undefined }, 0)).toBe(false);
    expect(transformer.serialize({ a: 1 })).toEqual({ json: { a: 1 } });
  });
});
