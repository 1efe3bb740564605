'use client';
import { Button, Card, EmptyState, Leaderboard, ParamHeatmap, VerdictBadge, formatDuration, formatInteger, formatNumber, type LeaderboardRow } from '@spark/ui';
import Link from 'next/link';
import { useMemo, useState, type ReactNode } from 'react';
import type { OptimizeResultData } from '@/lib/api-types';
import { ResultMeta } from '../Notices';

export interface ValidationState {
  status: 'pending' | 'done' | 'error';
  verdict?: 'overfit' | 'robust' | 'inconclusive';
  ratio?: number | null;
  threshold?: number;
  trainSharpe?: number;
  testSharpe?: number;
  runId?: string;
  mock?: boolean;
  error?: string;
}

export function paramsId(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('&');
}

function Stat({ label, value, note }: { label: string; value: ReactNode; note?: ReactNode }) {
  return (
    <div className="sw-stat">
      <div className="sw-stat-label">{label}</div>
      <div className="sw-stat-value">{value}</div>
      {note && <div className="sw-stat-note">{note}</div>}
    </div>
  );
}

/** Only the parameters the search varied, so a leaderboard row reads "emaFast 15 · emaSlow 40", not every fixed value. */
function searchedOnly(params: Readonly<Record<string, string | number>>, searched: readonly string[]): Record<string, string | number> {
  if (searched.length === 0) return { ...params };
  return Object.fromEntries(Object.entries(params).filter(([k]) => searched.includes(k)));
}

/**
 * An optimization's outcome: what was searched and how long it took, the
 * leaderboard (with the per-row walk-forward validation), and the objective
 * over two chosen parameters.
 */
export function OptimizeResults({
  result,
  mock,
  runId,
  onValidate,
  validations = {},
  hideHeatmap = false,
}: {
  result: OptimizeResultData;
  mock: boolean;
  runId?: string;
  /** Runs a walk-forward on a row's full params; absent on pages that cannot validate. */
  onValidate?: (id: string, params: Record<string, string | number>) => void;
  validations?: Readonly<Record<string, ValidationState>>;
  /** Pages with a side form draw the heatmap full width below it instead. */
  hideHeatmap?: boolean;
}) {
  const searched = useMemo(() => result.space.map((s) => s.name), [result.space]);
  const rows = useMemo<LeaderboardRow[]>(
    () => result.leaderboard.map((e) => ({ id: paramsId(e.params), rank: e.rank, params: searchedOnly(e.params, searched), score: e.score, metrics: e.metrics })),
    [result.leaderboard, searched],
  );
  const fullParams = useMemo(() => new Map(result.leaderboard.map((e) => [paramsId(e.params), e.params])), [result.leaderboard]);
  const validated = Object.entries(validations).find(([, v]) => v.status !== 'pending');

  return (
    <div className="sw-results" data-testid="optimize-results">
      <ResultMeta mock={mock} data={result.data} runId={runId} />
      <div className="sw-stat-grid">
        <Stat label="Method" value={result.method.toUpperCase()} note={`objective ${result.objective}`} />
        <Stat label="Evaluated" value={`${formatInteger(result.evaluated)} / ${formatInteger(result.combinations)}`} note={result.skippedInvalid > 0 ? `${formatInteger(result.skippedInvalid)} skipped by rules` : 'valid combinations'} />
        <Stat label={`Best ${result.objective}`} value={formatNumber(result.best.score, { digits: 3 })} note={Object.entries(searchedOnly(result.best.params, searched)).map(([k, v]) => `${k} ${v}`).join(' · ')} />
        <Stat label="Took" value={formatDuration(result.elapsedMs)} note={`${formatNumber(result.evaluated / Math.max(result.elapsedMs / 1000, 1e-3), { digits: 0 })} backtests/s`} />
      </div>
      <Card
        title="Leaderboard"
        description={onValidate ? 'Validate a row: a walk-forward with those params, trained on the first 60 % of the range and tested on the last 40 %.' : undefined}
        flush
      >
        <Leaderboard
          rows={rows}
          objective={result.objective}
          metricKeys={['totalReturn', 'maxDrawdown', 'trades']}
          highlightId={validated?.[0]}
          actionHeader="Walk-forward"
          renderAction={
            onValidate
              ? (row) => {
                  const v = validations[row.id];
                  return (
                    <div className="sw-validation" data-testid={`validate-cell-${row.rank}`}>
                      {v?.status === 'done' && v.verdict ? (
                        <span data-testid="validation-verdict">
                          <VerdictBadge verdict={v.verdict} ratio={v.ratio} threshold={v.threshold} />
                        </span>
                      ) : null}
                      {v?.status === 'error' && (
                        <span className="sp-tone-down" role="alert" title={v.error}>
                          failed: {v.error}
                        </span>
                      )}
                      {v?.status !== 'done' && (
                        <Button size="sm" loading={v?.status === 'pending'} onClick={() => onValidate(row.id, { ...(fullParams.get(row.id) ?? row.params) })}>
                          {v?.status === 'pending' ? 'Validating…' : 'Validate with walk-forward'}
                        </Button>
                      )}
                    </div>
                  );
                }
              : undefined
          }
        />
      </Card>
      {validated && validated[1].status === 'done' && <ValidationDetail state={validated[1]} params={fullParams.get(validated[0]) ?? {}} searched={searched} />}
      {!hideHeatmap && <ObjectiveHeatmap result={result} />}
    </div>
  );
}

function ValidationDetail({ state, params, searched }: { state: ValidationState; params: Record<string, string | number>; searched: readonly string[] }) {
  return (
    <Card title="Walk-forward validation" description={Object.entries(searchedOnly(params, searched)).map(([k, v]) => `${k} ${v}`).join(' · ')} data-testid="validation-detail">
      <div className="sw-headline">
        {state.verdict && <VerdictBadge verdict={state.verdict} ratio={state.ratio} threshold={state.threshold} />}
        <span>
          Train Sharpe <b>{formatNumber(state.trainSharpe ?? Number.NaN, { digits: 2 })}</b> → test Sharpe <b>{formatNumber(state.testSharpe ?? Number.NaN, { digits: 2 })}</b> · ratio{' '}
          <b>{typeof state.ratio === 'number' ? formatNumber(state.ratio, { digits: 2 }) : 'n/a'}</b> · threshold <b>{formatNumber(state.threshold ?? Number.NaN, { digits: 2 })}</b>
        </span>
        <span className="sw-note">
          {state.verdict === 'inconclusive'
            ? 'The train Sharpe is not positive, so the test/train ratio says nothing about overfitting.'
            : `ratio = test / train Sharpe; below the threshold ${formatNumber(state.threshold ?? Number.NaN, { digits: 2 })} the params are called overfit.`}
        </span>
        {state.runId && (
          <Link className="sw-link sp-mono" href={`/runs/${state.runId}`}>
            {state.runId}
          </Link>
        )}
      </div>
      <p className="sw-note" style={{ marginTop: 8 }}>
        The optimizer saw the whole range, test window included; for a strict out-of-sample check optimize on an earlier range, or run folds on the Walk-forward page.
      </p>
    </Card>
  );
}

/** The objective over two chosen searched parameters. */
export function ObjectiveHeatmap({ result }: { result: OptimizeResultData }) {
  const searched = useMemo(() => result.space.map((s) => s.name), [result.space]);
  const [axes, setAxes] = useState(() => ({ xParam: searched[0] ?? '', yParam: searched[1] ?? searched[0] ?? '' }));
  const trials = useMemo(() => result.trials.map((t) => ({ params: t.params, score: t.score })), [result.trials]);
  return (
    <Card title="Objective heatmap" description={searched.length >= 2 ? 'Each cell: the best score among the trials with those two values.' : undefined}>
      {searched.length >= 2 ? (
        <ParamHeatmap trials={trials} xParam={axes.xParam} yParam={axes.yParam} objectiveLabel={result.objective} availableParams={searched} onAxesChange={setAxes} />
      ) : (
        <EmptyState title="One parameter searched" description="Search two or more parameters to see the objective as a heatmap." />
      )}
    </Card>
  );
}
