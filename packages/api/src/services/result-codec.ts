/**
 * Splits the long `[openTime, value]` series out of a run result so the row in
 * Postgres stays small: each becomes `{ "$series": k }` in the stored JSON and
 * its numbers go, packed as Float64 pairs, to the run-series store. Joining
 * restores the original result exactly (doubles round-trip bit for bit).
 */

/** Shorter pair arrays stay inline: not worth a reference. */
export const MIN_SERIES_POINTS = 64;

function isPairSeries(value: unknown[]): boolean {
  if (value.length < MIN_SERIES_POINTS) return false;
  for (const point of value) {
    if (!Array.isArray(point) || point.length !== 2 || typeof point[0] !== 'number' || typeof point[1] !== 'number') return false;
  }
  return true;
}

export function splitSeries(result: unknown): { compact: unknown; series: Float64Array[] } {
  const series: Float64Array[] = [];
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      if (isPairSeries(value)) {
        const packed = new Float64Array(value.length * 2);
        for (let i = 0; i < value.length; i++) {
          packed[2 * i] = (value[i] as number[])[0]!;
          packed[2 * i + 1] = (value[i] as number[])[1]!;
        }
        series.push(packed);
        return { $series: series.length - 1 };
      }
      return value.map(walk);
    }
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  return { compact: walk(result), series };
}

/** Layout: Float64 header [count, length_0 .. length_{count-1}], then each series' values. */
export function packSeries(series: Float64Array[]): Uint8Array {
  const total = 1 + series.length + series.reduce((n, s) => n + s.length, 0);
  const out = new Float64Array(total);
  out[0] = series.length;
  let offset = 1 + series.length;
  series.forEach((s, i) => {
    out[1 + i] = s.length;
    out.set(s, offset);
    offset += s.length;
  });
  return new Uint8Array(out.buffer);
}

export function unpackSeries(bytes: Uint8Array): Float64Array[] {
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const all = new Float64Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 8);
  const count = all[0]!;
  const out: Float64Array[] = [];
  let offset = 1 + count;
  for (let i = 0; i < count; i++) {
    const length = all[1 + i]!;
    out.push(all.subarray(offset, offset + length));
    offset += length;
  }
  return out;
}

export function joinSeries(compact: unknown, series: Float64Array[]): unknown {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      const ref = (value as { $series?: unknown }).$series;
      if (typeof ref === 'number' && Object.keys(value).length === 1) {
        const packed = series[ref];
        if (!packed) throw new Error(`stored result references series ${ref}, but only ${series.length} were stored`);
        const points = new Array<[number, number]>(packed.length / 2);
        for (let i = 0; i < points.length; i++) points[i] = [packed[2 * i]!, packed[2 * i + 1]!];
        return points;
      }
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  return walk(compact);
}

/** True when a stored result references packed series. */
export function hasSeriesRefs(compact: unknown): boolean {
  return JSON.stringify(compact ?? null).includes('"$series":');
}
