'use client';
import {
  Card,
  CandlestickChart,
  EquityChart,
  VerdictBadge,
  formatInteger,
  formatNumber,
  formatPercent,
  formatUtcDate,
  signTone,
  type TimeSegment,
} from '@spark/ui';
import { useMemo, useState } from 'react';
import type { FoldsWalkforward, SimpleWalkforward, WalkforwardResultData } from '@/lib/api-types';
import { pointsToColumns } from '@/lib/series';
import { varyingParams } from '@/lib/walkforward';
import { ResultMeta } from '../Notices';
import { TradesCard } from './BacktestResults';

const pct = (v: number | null | undefined, digits = 1) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : formatPercent(v, { digits }));
const num = (v: number | null | undefined, digits = 2) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : formatNumber(v, { digits }));

function range(w: { start: number; end: number; bars: number }) {
  return `${formatUtcDate(w.start)} → ${formatUtcDate(w.end)} · ${formatInteger(w.bars)} bars`;
}

/** The overfitting verdict with the numbers behind it, the first thing a trader reads. */
function VerdictLine({ verdict, ratio, threshold, children }: { verdict: SimpleWalkforward['verdict']; ratio: number | null; threshold: number; children?: React.ReactNode }) {
  return (
    <div className="sw-headline" data-testid="walkforward-verdict">
      <VerdictBadge verdict={verdict} ratio={ratio} threshold={threshold} />
      {children}
    </div>
  );
}

const METRIC_ROWS: { key: keyof SimpleWalkforward['train']['metrics']; label: string; fmt: (v: number | null) => string }[] = [
  { key: 'sharpe', label: 'Sharpe', fmt: (v) => num(v) },
  { key: 'totalReturn', label: 'Total return', fmt: (v) => pct(v) },
  { key: 'cagr', label: 'CAGR', fmt: (v) => pct(v) },
  { key: 'maxDrawdown', label: 'Max drawdown', fmt: (v) => pct(v) },
  { key: 'trades', label: 'Trades', fmt: (v) => (v === null ? '—' : formatInteger(v)) },
  { key: 'winRate', label: 'Win rate', fmt: (v) => pct(v) },
  { key: 'profitFactor', label: 'Profit factor', fmt: (v) => (v === null ? '∞' : num(v)) },
];

function SimpleResults({ result, mock, runId }: { result: SimpleWalkforward; mock: boolean; runId?: string }) {
  const segments = useMemo<TimeSegment[]>(
    () => [
      { start: result.train.start, end: result.train.end, kind: 'train', label: 'Train (in-sample)' },
      { start: result.test.start, end: result.test.end, kind: 'test', label: 'Test (out-of-sample)' },
    ],
    [result.train, result.test],
  );
  const equity = useMemo(() => {
    const c = pointsToColumns(result.equity);
    return [{ name: 'Equity (fixed params)', time: c.time, values: c.values }];
  }, [result.equity]);
  return (
    <div className="sw-results" data-testid="walkforward-results">
      <ResultMeta mock={mock} data={result.data} runId={runId} />
      <Card title="Verdict">
        <VerdictLine verdict={result.verdict} ratio={result.ratio} threshold={result.threshold}>
          <span>
            test Sharpe <b>{num(result.testSharpe)}</b> ÷ train Sharpe <b>{num(result.trainSharpe)}</b> = ratio <b>{num(result.ratio)}</b>, threshold <b>{num(result.threshold)}</b>
          </span>
        </VerdictLine>
        <p className="sw-note" style={{ marginTop: 8 }}>
          {result.verdict === 'inconclusive'
            ? 'The train Sharpe is not positive, so the ratio says nothing about overfitting.'
            : `Below the threshold the out-of-sample Sharpe kept too little of the in-sample Sharpe and the params are called overfit.`}
        </p>
      </Card>
      <Card title="Train vs test" flush>
        <div className="sp-table-wrap">
          <table className="sp-table">
            <caption className="sp-visually-hidden">Metrics of the train and test windows</caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col" className="sp-num">
                  Train <span className="sw-note">{range(result.train)}</span>
                </th>
                <th scope="col" className="sp-num">
                  Test <span className="sw-note">{range(result.test)}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {METRIC_ROWS.map((m) => (
                <tr key={m.key}>
                  <th scope="row">{m.label}</th>
                  <td className={`sp-num sp-tone-${m.key === 'sharpe' || m.key === 'totalReturn' || m.key === 'cagr' ? signTone(result.train.metrics[m.key]) : 'neutral'}`}>{m.fmt(result.train.metrics[m.key])}</td>
                  <td className={`sp-num sp-tone-${m.key === 'sharpe' || m.key === 'totalReturn' || m.key === 'cagr' ? signTone(result.test.metrics[m.key]) : 'neutral'}`}>{m.fmt(result.test.metrics[m.key])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      {result.candles && (
        <Card title="Train and test windows">
          <CandlestickChart title={`${result.data.symbol} · ${result.data.timeframe}`} candles={result.candles} segments={segments} height={380} />
        </Card>
      )}
      <Card title="Equity over both windows">
        <EquityChart curves={equity} height={280} />
      </Card>
      <Card title="Parameters">
        <dl className="sw-kv">
          {Object.entries(result.params).map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt className="sp-mono">{k}</dt>
              <dd>{String(v)}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </div>
  );
}

function FoldsResults({ result, mock, runId, hideTrades }: { result: FoldsWalkforward; mock: boolean; runId?: string; hideTrades?: boolean }) {
  const [shade, setShade] = useState<number | 'oos'>('oos');
  const segments = useMemo<TimeSegment[]>(() => {
    if (shade === 'oos') return result.folds.map((f) => ({ start: f.outOfSample.start, end: f.outOfSample.end, kind: 'test' as const, label: `Fold ${f.fold + 1} out-of-sample` }));
    const f = result.folds.find((x) => x.fold === shade);
    if (!f) return [];
    // A fold's windows are adjacent; the in-sample one ends where the out-of-sample one begins.
    return [
      { start: f.inSample.start, end: f.inSample.end, kind: 'train' as const, label: `Fold ${f.fold + 1} in-sample` },
      { start: f.outOfSample.start, end: f.outOfSample.end, kind: 'test' as const, label: `Fold ${f.fold + 1} out-of-sample` },
    ];
  }, [shade, result.folds]);
  const oos = useMemo(() => {
    const c = pointsToColumns(result.oos.equity);
    return [{ name: 'Out-of-sample (stitched)', time: c.time, values: c.values }];
  }, [result.oos.equity]);
  const mc = result.monteCarlo;
  const shown = useMemo(() => varyingParams(result.folds), [result.folds]);
  const ds = result.deflatedSharpe;

  return (
    <div className="sw-results" data-testid="walkforward-results">
      <ResultMeta mock={mock} data={result.data} runId={runId} />
      <Card title="Verdict" description={`${result.folds.length} ${result.mode} folds · ${result.method} search on ${result.objective} · ${formatInteger(result.candidates)} candidate parameter sets`}>
        <VerdictLine verdict={result.verdict} ratio={result.walkForwardEfficiency} threshold={result.threshold}>
          <span>
            walk-forward efficiency <b>{num(result.walkForwardEfficiency)}</b>, threshold <b>{num(result.threshold)}</b>
          </span>
        </VerdictLine>
        {result.verdictReasons.length > 0 && (
          <ul className="sw-note" style={{ margin: '8px 0 0', paddingLeft: 18 }}>
            {result.verdictReasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Robustness statistics">
        <ul className="sw-explain">
          <li>
            <span>
              PBO <b>{pct(result.pbo.pbo)}</b>
            </span>
            <span className="sw-note">
              Probability of backtest overfitting: how often the in-sample best of {formatInteger(result.pbo.candidates)} candidates ranks below the median out of sample, over {formatInteger(result.pbo.combinations)} splits. Lower is better; above 50 % the selection is no better than chance.
            </span>
          </li>
          <li>
            <span>
              Deflated Sharpe <b>{pct(ds.dsr)}</b>
            </span>
            <span className="sw-note">
              Probability the true Sharpe is above zero after correcting for {formatInteger(ds.trials)} trials, skew {num(ds.skew)} and kurtosis {num(ds.kurtosis)}; above 95 % is significant.
            </span>
          </li>
          <li>
            <span>
              OOS PSR <b>{pct(result.oosPsr)}</b>
            </span>
            <span className="sw-note">Probabilistic Sharpe of the stitched out-of-sample returns: the chance their true Sharpe is above zero.</span>
          </li>
          <li>
            <span>
              Monte Carlo <b>{pct(mc.probabilityOfLoss)}</b>
            </span>
            <span className="sw-note">
              Chance of a loss when the {formatInteger(mc.trades)} out-of-sample trades are reshuffled {formatInteger(mc.samples)} times; final return p5 {pct(mc.finalReturn.p5)}, median {pct(mc.finalReturn.p50)}, p95 {pct(mc.finalReturn.p95)}; max drawdown median {pct(mc.maxDrawdown.p50)}.
            </span>
          </li>
        </ul>
      </Card>
      <Card
        title="Folds"
        description={Object.keys(shown.fixed).length > 0 ? `Every fold kept ${Object.entries(shown.fixed).map(([k, v]) => `${k} ${v}`).join(', ')}.` : undefined}
        flush
      >
        <div className="sp-table-wrap">
          <table className="sp-table" data-testid="folds-table">
            <caption className="sp-visually-hidden">Walk-forward folds</caption>
            <thead>
              <tr>
                <th scope="col" className="sp-num">
                  #
                </th>
                <th scope="col">In-sample (UTC)</th>
                <th scope="col">Out-of-sample (UTC)</th>
                <th scope="col">Chosen params</th>
                <th scope="col" className="sp-num">
                  IS {result.objective}
                </th>
                <th scope="col" className="sp-num">
                  OOS {result.objective}
                </th>
                <th scope="col" className="sp-num">
                  OOS return
                </th>
                <th scope="col" className="sp-num">
                  Efficiency
                </th>
              </tr>
            </thead>
            <tbody>
              {result.folds.map((f) => (
                <tr key={f.fold}>
                  <td className="sp-num">{f.fold + 1}</td>
                  <td>{range(f.inSample)}</td>
                  <td>{range(f.outOfSample)}</td>
                  <td className="sp-params">{shown.varying.map((k) => `${k} ${f.params[k]}`).join(' · ')}</td>
                  <td className={`sp-num sp-tone-${signTone(f.inSampleScore)}`}>{num(f.inSampleScore)}</td>
                  <td className={`sp-num sp-tone-${signTone(f.outOfSampleScore)}`}>{num(f.outOfSampleScore)}</td>
                  <td className={`sp-num sp-tone-${signTone(f.outOfSampleMetrics.totalReturn)}`}>{pct(f.outOfSampleMetrics.totalReturn)}</td>
                  <td className="sp-num">{num(f.efficiency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      {result.candles && (
        <Card
          title="Windows on the chart"
          actions={
            <label className="sw-row">
              <span className="sw-note">Shade</span>
              <select className="sp-select sp-select--auto" value={String(shade)} onChange={(e) => setShade(e.target.value === 'oos' ? 'oos' : Number(e.target.value))}>
                <option value="oos">all out-of-sample windows</option>
                {result.folds.map((f) => (
                  <option key={f.fold} value={f.fold}>
                    fold {f.fold + 1}: in-sample and out-of-sample
                  </option>
                ))}
              </select>
            </label>
          }
        >
          <CandlestickChart title={`${result.data.symbol} · ${result.data.timeframe}`} candles={result.candles} segments={segments} trades={shade === 'oos' ? result.oos.trades : undefined} height={380} />
        </Card>
      )}
      <Card title="Stitched out-of-sample equity" description={`Each fold's out-of-sample window traded with the params chosen on its in-sample window, chained. Sharpe ${num(result.oos.metrics.sharpe)}, return ${pct(result.oos.metrics.totalReturn)}, max drawdown ${pct(result.oos.metrics.maxDrawdown)}.`}>
        <EquityChart curves={oos} height={280} />
      </Card>
      {!hideTrades && <TradesCard trades={result.oos.trades} title="Out-of-sample trades" />}
      <p className="sw-note">{formatInteger(result.trials.length)} trials were evaluated across the folds' in-sample windows.</p>
    </div>
  );
}

export function WalkforwardResults({ result, mock, runId, hideTrades }: { result: WalkforwardResultData; mock: boolean; runId?: string; hideTrades?: boolean }) {
  return result.kind === 'simple' ? <SimpleResults result={result} mock={mock} runId={runId} /> : <FoldsResults result={result} mock={mock} runId={runId} hideTrades={hideTrades} />;
}
