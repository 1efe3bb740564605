/** Data preparation for the correlation and parameter heatmaps. */
import type { ParamValue, TrialInput } from '../types';
import { UiDataError, describeValue } from './errors';

/**
 * Checks an N×N correlation matrix: N labels (non-empty, unique), N rows of N
 * numbers each in [-1, 1] (NaN allowed: a constant series has no
 * correlation), symmetric within 1e-9. The diagonal is not forced to 1 so a
 * NaN self-correlation of a flat series still renders.
 */
export function validateCorrelationMatrix(labels: readonly string[], matrix: readonly (readonly number[])[]): void {
  if (!Array.isArray(labels) || labels.length === 0) {
    throw new UiDataError('labels', `must list at least one symbol; got ${describeValue(labels)}`);
  }
  const seen = new Set<string>();
  labels.forEach((l, i) => {
    if (typeof l !== 'string' || l.trim() === '') throw new UiDataError(`labels[${i}]`, `must be a non-empty name; got ${describeValue(l)}`);
    if (seen.has(l)) throw new UiDataError(`labels[${i}]`, `${JSON.stringify(l)} appears twice; labels must be unique`);
    seen.add(l);
  });
  const n = labels.length;
  if (!Array.isArray(matrix) || matrix.length !== n) {
    throw new UiDataError('matrix', `must have ${n} rows (one per label); got ${Array.isArray(matrix) ? matrix.length : describeValue(matrix)}`);
  }
  matrix.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n) {
      throw new UiDataError(`matrix[${i}]`, `must have ${n} values (one per label); got ${Array.isArray(row) ? row.length : describeValue(row)}`);
    }
    row.forEach((v, j) => {
      if (Number.isNaN(v)) return;
      if (typeof v !== 'number' || v < -1 - 1e-9 || v > 1 + 1e-9) {
        throw new UiDataError(`matrix[${i}][${j}]`, `must be a correlation in [-1, 1] (or NaN when undefined); got ${describeValue(v)}`);
      }
    });
  });
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = matrix[i]![j]!;
      const b = matrix[j]![i]!;
      const bothNaN = Number.isNaN(a) && Number.isNaN(b);
      if (!bothNaN && !(Math.abs(a - b) <= 1e-9)) {
        throw new UiDataError(`matrix[${i}][${j}]`, `is ${describeValue(a)} but matrix[${j}][${i}] is ${describeValue(b)}; a correlation matrix is symmetric`);
      }
    }
  }
}

export interface ParamGridCell {
  x: ParamValue;
  y: ParamValue;
  /** Best score among the trials at (x, y); null when no trial there has a score. */
  value: number | null;
  /** Trials that landed on this cell (other parameters may differ between them). */
  count: number;
}

export interface ParamGrid {
  xValues: ParamValue[];
  yValues: ParamValue[];
  /** cells[yi][xi]; null where no trial has that combination. */
  cells: (ParamGridCell | null)[][];
  best: { xi: number; yi: number; value: number } | null;
  /** Range of the finite cell values, for the colour scale; null when there are none. */
  min: number | null;
  max: number | null;
}

function compareAxisValues(a: ParamValue, b: ParamValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function isBetter(candidate: number, current: number, higherIsBetter: boolean): boolean {
  return higherIsBetter ? candidate > current : candidate < current;
}

/**
 * Projects optimizer trials onto two parameters. When other parameters vary
 * too, several trials share a cell and the cell shows the best of them (the
 * "best achievable with these two values" view). Axis values are sorted
 * (numerically when numeric). Scores that are null or NaN count as "no
 * result"; ties for the best cell go to the first in row-major order.
 */
export function buildParamGrid(trials: readonly TrialInput[], xParam: string, yParam: string, higherIsBetter = true): ParamGrid {
  if (xParam === yParam) {
    throw new UiDataError('yParam', `must differ from xParam (both are ${JSON.stringify(xParam)}); pick two parameters to compare`);
  }
  const xs = new Map<string, ParamValue>();
  const ys = new Map<string, ParamValue>();
  const key = (v: ParamValue) => `${typeof v}:${v}`;
  trials.forEach((trial, i) => {
    for (const [param, store] of [
      [xParam, xs],
      [yParam, ys],
    ] as const) {
      const v = trial.params?.[param];
      if (typeof v !== 'number' && typeof v !== 'string') {
        throw new UiDataError(`trials[${i}].params.${param}`, `is missing; every trial needs a value for the heatmap's axes (got ${describeValue(v)})`);
      }
      store.set(key(v), v);
    }
  });
  const xValues = [...xs.values()].sort(compareAxisValues);
  const yValues = [...ys.values()].sort(compareAxisValues);
  const xIndex = new Map(xValues.map((v, i) => [key(v), i]));
  const yIndex = new Map(yValues.map((v, i) => [key(v), i]));
  const cells: (ParamGridCell | null)[][] = yValues.map(() => xValues.map(() => null));
  for (const trial of trials) {
    const xv = trial.params[xParam]!;
    const yv = trial.params[yParam]!;
    const xi = xIndex.get(key(xv))!;
    const yi = yIndex.get(key(yv))!;
    const row = cells[yi]!;
    const cell = row[xi] ?? { x: xv, y: yv, value: null, count: 0 };
    cell.count++;
    const s = trial.score;
    if (s !== null && !Number.isNaN(s) && (cell.value === null || isBetter(s, cell.value, higherIsBetter))) {
      cell.value = s;
    }
    row[xi] = cell;
  }
  let best: ParamGrid['best'] = null;
  let min: number | null = null;
  let max: number | null = null;
  cells.forEach((row, yi) =>
    row.forEach((cell, xi) => {
      if (!cell || cell.value === null) return;
      const v = cell.value;
      if (best === null || isBetter(v, best.value, higherIsBetter)) best = { xi, yi, value: v };
      if (Number.isFinite(v)) {
        min = min === null ? v : Math.min(min, v);
        max = max === null ? v : Math.max(max, v);
      }
    }),
  );
  return { xValues, yValues, cells, best, min, max };
}
