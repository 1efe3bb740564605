import fc from 'fast-check';
import { candlesFromRows, type Candles } from '../candles';
import { createRng } from '../random';

/**
 * Seeded random-walk candles (geometric, hourly) for tests that need many
 * bars of plausible OHLC without the real files. Test-only module.
 */
export function randomWalkCandles(n: number, seed: number, opts: { start?: number; vol?: number; drift?: number; stepMs?: number } = {}): Candles {
  const rng = createRng(seed);
  const vol = opts.vol ?? 0.01;
  const drift = opts.drift ?? 0;
  const step = opts.stepMs ?? 3_600_000;
  let price = opts.start ?? 100;
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const open = price;
    const close = open * Math.exp(drift + vol * rng.normal());
    const high = Math.max(open, close) * Math.exp((vol / 2) * Math.abs(rng.normal()));
    const low = Math.min(open, close) * Math.exp((-vol / 2) * Math.abs(rng.normal()));
    rows.push([1_700_000_000_000 + i * step, open, high, low, close, 1 + 10 * rng.next()]);
    price = close;
  }
  return candlesFromRows(rows);
}

/** fast-check arbitrary of valid candle series of `minBars`..`maxBars` bars. */
export function candlesArb(minBars: number, maxBars: number): fc.Arbitrary<Candles> {
  return fc
    .record({
      n: fc.integer({ min: minBars, max: maxBars }),
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      vol: fc.double({ min: 0.001, max: 0.05, noNaN: true }),
    })
    .map(({ n, seed, vol }) => randomWalkCandles(n, seed, { vol }));
}

export function cloneCandles(c: Candles): Candles {
  return {
    openTime: c.openTime.slice(),
    open: c.open.slice(),
    high: c.high.slice(),
    low: c.low.slice(),
    close: c.close.slice(),
    volume: c.volume.slice(),
  };
}
