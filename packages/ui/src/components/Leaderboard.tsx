'use client';

import { useMemo, type ReactNode } from 'react';
import type { MetricValues, ParamValue } from '../types';
import { describeMetric, metricValue, METRIC_DEFINITIONS } from '../lib/metrics';
import { EmptyState } from './EmptyState';
import { ErrorCallout } from './ErrorCallout';
import { cx } from './cx';

export interface LeaderboardRow {
  /** Stable identity across updates (e.g. the params serialised); keeps each row's DOM node and focus. */
  id: string;
  rank: number;
  params: Readonly<Record<string, ParamValue>>;
  /** Objective value; null when the trial had none. */
  score: number | null;
  metrics?: MetricValues;
}

export interface LeaderboardProps {
  rows: readonly LeaderboardRow[];
  /** Objective metric key (e.g. "sharpe"), used to label and format the score. */
  objective: string;
  /** Metric columns after the score (default Sharpe, total return, max drawdown, trades). */
  metricKeys?: readonly string[];
  /** Per-row action slot, e.g. the "Validate with walk-forward" button. */
  renderAction?: (row: LeaderboardRow) => ReactNode;
  actionHeader?: string;
  /** Row to emphasise (e.g. the one being validated). */
  highlightId?: string;
  caption?: string;
  currency?: string;
  className?: string;
}

function ParamsText({ params }: { params: Readonly<Record<string, ParamValue>> }) {
  const entries = Object.entries(params);
  return (
    <span className="sp-params">
      {entries.map(([k, v], i) => (
        <span key={k}>
          {i > 0 && <span aria-hidden="true"> · </span>}
          <span className="sp-params-key">{k}</span> {String(v)}
          {i < entries.length - 1 && <span className="sp-visually-hidden">,</span>}
        </span>
      ))}
    </span>
  );
}

/**
 * The optimizer's ranked parameter sets, updating live without flicker: rows
 * are keyed by a stable id so React moves existing rows instead of
 * re-creating them (a button keeps focus while its row changes rank), the
 * column layout is fixed, and numbers are tabular. A polite live region
 * announces only when the leader changes.
 *
 * @example
 * <Leaderboard rows={board} objective="sharpe"
 *   renderAction={(row) => <Button size="sm" onClick={() => validate(row.params)}>Validate with walk-forward</Button>} />
 */
export function Leaderboard({
  rows,
  objective,
  metricKeys = ['sharpe', 'totalReturn', 'maxDrawdown', 'trades'],
  renderAction,
  actionHeader = 'Action',
  highlightId,
  caption = 'Leaderboard',
  currency = 'USDT',
  className,
}: LeaderboardProps) {
  const duplicate = useMemo(() => {
    const seen = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const id = rows[i]!.id;
      if (seen.has(id)) return { index: i, id };
      seen.add(id);
    }
    return null;
  }, [rows]);

  if (duplicate) {
    return (
      <ErrorCallout
        title="Cannot show the leaderboard"
        message={`row id ${JSON.stringify(duplicate.id)} appears twice; each row needs a unique id`}
        field={`rows[${duplicate.index}].id`}
      />
    );
  }
  if (rows.length === 0) {
    return <EmptyState title="No results yet" description="Ranked parameter sets appear here as the optimizer evaluates them." />;
  }

  const objectiveLabel = METRIC_DEFINITIONS[objective]?.label ?? objective;
  const columns = metricKeys.filter((k) => k !== objective);
  const leader = rows.reduce((a, b) => (b.rank < a.rank ? b : a));
  const leaderScore = describeMetric(objective, leader.score, { currency }).text;

  return (
    <div className={cx('sp-leaderboard', className)}>
      <p className="sp-visually-hidden" aria-live="polite" aria-atomic="true">
        Best so far: {Object.entries(leader.params).map(([k, v]) => `${k} ${v}`).join(', ')}, {objectiveLabel} {leaderScore}
      </p>
      <div className="sp-table-wrap">
        <table className="sp-table">
          <caption className="sp-visually-hidden">{caption}, ranked by {objectiveLabel}</caption>
          <thead>
            <tr>
              <th scope="col" className="sp-num">
                #
              </th>
              <th scope="col">Params</th>
              <th scope="col" className="sp-num">
                {objectiveLabel}
              </th>
              {columns.map((k) => (
                <th key={k} scope="col" className="sp-num">
                  {METRIC_DEFINITIONS[k]?.label ?? k}
                </th>
              ))}
              {renderAction && <th scope="col">{actionHeader}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const trades = metricValue(row.metrics, 'trades');
              const score = describeMetric(objective, row.score, { currency, trades });
              return (
                <tr key={row.id} data-row-id={row.id} className={cx(row.id === highlightId && 'sp-row-best')} aria-current={row.id === highlightId ? 'true' : undefined}>
                  <td className="sp-num sp-rank">{row.rank}</td>
                  <td>
                    <ParamsText params={row.params} />
                  </td>
                  <td className={cx('sp-num', `sp-tone-${score.tone}`)} title={score.note}>
                    <b>{score.text}</b>
                  </td>
                  {columns.map((k) => {
                    const m = describeMetric(k, metricValue(row.metrics, k), { currency, trades });
                    return (
                      <td key={k} className={cx('sp-num', `sp-tone-${m.tone}`)} title={m.note}>
                        {m.text}
                      </td>
                    );
                  })}
                  {renderAction && <td>{renderAction(row)}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
