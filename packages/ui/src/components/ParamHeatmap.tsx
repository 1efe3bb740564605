'use client';

import { useId, useMemo } from 'react';
import type { ParamValue, TrialInput } from '../types';
import { sequentialColor, toHex, viridis } from '../lib/color';
import { toDataProblem } from '../lib/errors';
import { formatNumber } from '../lib/format';
import { buildParamGrid, type ParamGrid } from '../lib/heatmap';
import { EmptyState } from './EmptyState';
import { ErrorCallout } from './ErrorCallout';
import { cx } from './cx';

export interface ParamHeatmapProps {
  trials: readonly TrialInput[];
  xParam: string;
  yParam: string;
  /** Name of the objective for the caption and legend, e.g. "Sharpe". */
  objectiveLabel?: string;
  /** All objectives here are maximised; set false for a loss to minimise. */
  higherIsBetter?: boolean;
  digits?: number;
  /** Parameters the user may put on the axes; with onAxesChange, shows two selectors. */
  availableParams?: readonly string[];
  onAxesChange?: (axes: { xParam: string; yParam: string }) => void;
  className?: string;
}

function formatAxis(v: ParamValue): string {
  return typeof v === 'number' ? formatNumber(v, { digits: Number.isInteger(v) ? 0 : 2 }) : v;
}

/**
 * The objective over two parameters: one cell per (x, y) combination, coloured
 * on the viridis scale, value printed, best cell outlined and starred,
 * combinations never evaluated shown hatched and empty. When other
 * parameters vary too, each cell shows the best score among its trials.
 * Rows run from the largest y value at the top, like a chart axis.
 *
 * @example <ParamHeatmap trials={run.trials} xParam="emaFast" yParam="emaSlow" objectiveLabel="Sharpe" />
 */
export function ParamHeatmap({
  trials,
  xParam,
  yParam,
  objectiveLabel = 'Score',
  higherIsBetter = true,
  digits = 2,
  availableParams,
  onAxesChange,
  className,
}: ParamHeatmapProps) {
  const ids = useId();
  const built = useMemo((): { grid: ParamGrid } | { problem: ReturnType<typeof toDataProblem> } => {
    try {
      return { grid: buildParamGrid(trials, xParam, yParam, higherIsBetter) };
    } catch (e) {
      return { problem: toDataProblem(e) };
    }
  }, [trials, xParam, yParam, higherIsBetter]);

  const selectors = availableParams && onAxesChange && availableParams.length >= 2 && (
    <div className="sp-row sp-heatmap-axes">
      {(['xParam', 'yParam'] as const).map((axis) => {
        const current = axis === 'xParam' ? xParam : yParam;
        const other = axis === 'xParam' ? yParam : xParam;
        return (
          <label key={axis} className="sp-row" htmlFor={`${ids}-${axis}`}>
            <span className="sp-axis-title">{axis === 'xParam' ? 'X axis' : 'Y axis'}</span>
            <select
              id={`${ids}-${axis}`}
              className="sp-select sp-select--auto"
              value={current}
              onChange={(e) => onAxesChange({ xParam: xParam, yParam: yParam, [axis]: e.target.value })}
            >
              {availableParams.map((p) => (
                <option key={p} value={p} disabled={p === other}>
                  {p}
                </option>
              ))}
            </select>
          </label>
        );
      })}
    </div>
  );

  if ('problem' in built) {
    return (
      <div className={className}>
        {selectors}
        <ErrorCallout title="Cannot draw the parameter heatmap" message={built.problem.message} field={built.problem.field} />
      </div>
    );
  }
  const { grid } = built;
  if (trials.length === 0) {
    return (
      <div className={className}>
        {selectors}
        <EmptyState title="No trials yet" description="The heatmap fills in as the optimizer evaluates parameter sets." />
      </div>
    );
  }

  const min = grid.min ?? 0;
  const max = grid.max ?? 0;
  const yOrder = grid.yValues.map((_, i) => i).reverse();
  const bestText =
    grid.best &&
    `${xParam} ${formatAxis(grid.xValues[grid.best.xi]!)}, ${yParam} ${formatAxis(grid.yValues[grid.best.yi]!)}: ${formatNumber(grid.best.value, { digits })}`;

  return (
    <div className={cx('sp-heatmap-wrap', className)}>
      {selectors}
      <div className="sp-table-wrap">
        <table className="sp-heatmap">
          <caption>
            {objectiveLabel} by {xParam} (columns) and {yParam} (rows)
            {bestText && <> · best {bestText}</>}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="sp-axis-title">
                {yParam} \ {xParam}
              </th>
              {grid.xValues.map((x) => (
                <th key={String(x)} scope="col">
                  {formatAxis(x)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {yOrder.map((yi) => {
              const y = grid.yValues[yi]!;
              return (
                <tr key={String(y)}>
                  <th scope="row">{formatAxis(y)}</th>
                  {grid.xValues.map((x, xi) => {
                    const cell = grid.cells[yi]![xi];
                    if (!cell) {
                      return (
                        <td key={String(x)} className="sp-heatmap-cell sp-heatmap-empty" title="Not evaluated">
                          <span className="sp-visually-hidden">not evaluated</span>
                        </td>
                      );
                    }
                    if (cell.value === null) {
                      return (
                        <td key={String(x)} className="sp-heatmap-cell sp-heatmap-empty" title={`${cell.count} trial(s), no score`}>
                          —
                        </td>
                      );
                    }
                    const c = sequentialColor(cell.value, min, max);
                    const isBest = grid.best !== null && grid.best.xi === xi && grid.best.yi === yi;
                    return (
                      <td
                        key={String(x)}
                        className={cx('sp-heatmap-cell', isBest && 'sp-heatmap-best')}
                        style={{ background: c.background, color: c.text }}
                        title={`${xParam} ${formatAxis(x)}, ${yParam} ${formatAxis(y)}: ${formatNumber(cell.value, { digits: 4 })}${cell.count > 1 ? ` (best of ${cell.count} trials)` : ''}`}
                        data-best={isBest || undefined}
                      >
                        {isBest && <span aria-hidden="true">★ </span>}
                        {formatNumber(cell.value, { digits })}
                        {isBest && <span className="sp-visually-hidden"> (best)</span>}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {grid.min !== null && grid.max !== null && (
        <div className="sp-scale" aria-hidden="true">
          <span>{formatNumber(min, { digits })}</span>
          <span
            className="sp-scale-bar"
            style={{ background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((s) => toHex(viridis(s))).join(', ')})` }}
          />
          <span>{formatNumber(max, { digits })}</span>
          <span>{objectiveLabel}</span>
        </div>
      )}
    </div>
  );
}
