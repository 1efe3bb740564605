/**
 * API series to chart columns. The API sends `[openTime, value]` pairs and
 * indicator values with `null` during warm-up; charts take columns of numbers
 * with NaN for "not defined". Converted once per result, never per render.
 */

export interface Columns {
  time: Float64Array;
  values: Float64Array;
}

export function pointsToColumns(points: readonly (readonly [number, number])[]): Columns {
  const n = points.length;
  const time = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    time[i] = p[0];
    values[i] = p[1];
  }
  return { time, values };
}

export function nullableToFloat(values: readonly (number | null)[]): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined ? Number.NaN : v;
  }
  return out;
}

/** Drawdown from the running peak of an equity curve, as a fraction ≤ 0 (the engine's definition). */
export function drawdownOf(equity: Columns): Columns {
  const n = equity.values.length;
  const values = new Float64Array(n);
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = equity.values[i]!;
    if (v > peak) peak = v;
    values[i] = peak > 0 ? v / peak - 1 : 0;
  }
  return { time: equity.time, values };
}
