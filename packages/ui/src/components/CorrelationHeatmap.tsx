'use client';

import { useMemo } from 'react';
import { divergingColor } from '../lib/color';
import { toDataProblem } from '../lib/errors';
import { formatNumber } from '../lib/format';
import { validateCorrelationMatrix } from '../lib/heatmap';
import type { ThemeName } from '../lib/theme';
import { ErrorCallout } from './ErrorCallout';
import { useTheme } from './ThemeProvider';
import { cx } from './cx';

export interface CorrelationHeatmapProps {
  /** Symbol names, one per row and column. */
  labels: readonly string[];
  /** N×N Pearson correlations in [-1, 1], matrix[i][j] for labels i and j. */
  matrix: readonly (readonly number[])[];
  caption?: string;
  digits?: number;
  theme?: ThemeName;
  className?: string;
}

/**
 * An N×N correlation matrix as a real table (row and column headers, so a
 * screen reader reads "ETHUSDT, BTCUSDT, 0.82"), each cell coloured on a
 * diverging scale from -1 (blue) through 0 (surface) to +1 (orange), with
 * the value printed in the cell at AA contrast.
 *
 * @example <CorrelationHeatmap labels={['BTCUSDT', 'ETHUSDT', 'BNBUSDT']} matrix={result.correlation} />
 */
export function CorrelationHeatmap({ labels, matrix, caption = 'Correlation of bar returns', digits = 2, theme, className }: CorrelationHeatmapProps) {
  const contextTheme = useTheme();
  const t = theme ?? contextTheme;
  const problem = useMemo(() => {
    try {
      validateCorrelationMatrix(labels, matrix);
      return null;
    } catch (e) {
      return toDataProblem(e);
    }
  }, [labels, matrix]);

  if (problem) return <ErrorCallout title="Cannot draw the correlation heatmap" message={problem.message} field={problem.field} />;

  const neg = divergingColor(-1, t).background;
  const mid = divergingColor(0, t).background;
  const pos = divergingColor(1, t).background;

  return (
    <div className={cx('sp-heatmap-wrap', className)}>
      <div className="sp-table-wrap">
        <table className="sp-heatmap" data-size={labels.length}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <td />
              {labels.map((l) => (
                <th key={l} scope="col">
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((rowLabel, i) => (
              <tr key={rowLabel}>
                <th scope="row">{rowLabel}</th>
                {labels.map((colLabel, j) => {
                  const v = matrix[i]![j]!;
                  if (Number.isNaN(v)) {
                    return (
                      <td key={colLabel} className="sp-heatmap-cell sp-heatmap-empty" title="Not defined: one of the series has no variation">
                        n/a
                      </td>
                    );
                  }
                  const c = divergingColor(v, t);
                  return (
                    <td key={colLabel} className="sp-heatmap-cell" style={{ background: c.background, color: c.text }} title={`${rowLabel} vs ${colLabel}: ${formatNumber(v, { digits: 4 })}`}>
                      {formatNumber(v, { digits })}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="sp-scale" aria-hidden="true">
        <span>-1</span>
        <span className="sp-scale-bar" style={{ background: `linear-gradient(to right, ${neg}, ${mid}, ${pos})` }} />
        <span>+1</span>
      </div>
    </div>
  );
}
