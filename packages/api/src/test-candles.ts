/** Deterministic inline candles for API tests: a trending, oscillating series with valid OHLC. */
export function syntheticRows(n: number, startMs = Date.UTC(2024, 0, 1), stepMs = 3_600_000): number[][] {
  const rows: number[][] = [];
  let prev = 100;
  for (let i = 0; i < n; i++) {
    const close = 100 + 20 * Math.sin(i / 15) + i * 0.05 + 3 * Math.sin(i * 1.7);
    const open = prev;
    const high = Math.max(open, close) + 0.5 + (i % 3) * 0.2;
    const low = Math.min(open, close) - 0.5 - (i % 4) * 0.2;
    rows.push([startMs + i * stepMs, open, high, low, close, 10 + (i % 7)]);
    prev = close;
  }
  return rows;
}
