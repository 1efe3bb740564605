'use client';
import { Card, EmptyState, Field, Leaderboard, formatInteger, formatNumber } from '@spark/ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CatalogGate } from '@/components/CatalogGate';
import { CostFields, FormSection, NumberField, SeriesFields, StrategyFields, effectiveParams } from '@/components/FormParts';
import { GridBuilder } from '@/components/GridBuilder';
import { JobProgress } from '@/components/JobProgress';
import { ApiErrorCallout, KeyRequired, PageHeader } from '@/components/Notices';
import { PresetBar } from '@/components/PresetBar';
import { ObjectiveHeatmap, OptimizeResults, paramsId, type ValidationState } from '@/components/results/OptimizeResults';
import { FormPanel, Workbench } from '@/components/Workbench';
import type { OptimizeResultData, RouterInputs } from '@/lib/api-types';
import { describeApiError, errorAt } from '@/lib/field-errors';
import { optimizePage } from '@/lib/forms/optimize';
import { optimizerMethods, type OptimizeForm } from '@/lib/forms/types';
import { DEFAULT_MAX_COMBINATIONS, completeGrid, countCombinations, defaultGrid, gridToRequest } from '@/lib/grid';
import { focusFirstInvalid, useApiKey, useExchangeCatalog, usePageForm, useStrategyCatalog } from '@/lib/hooks';
import { bestScoreOf, leaderboardOf } from '@/lib/run-events';
import { useTRPC, useTRPCClient } from '@/lib/trpc';
import { jobFromQuery, useBackgroundRun } from '@/lib/use-background-run';

const METHOD_LABEL = { grid: 'Grid', tpe: 'TPE', genetic: 'Genetic' } as const;
const METHOD_HINT = {
  grid: 'Every valid combination, in order.',
  tpe: 'Tree-structured Parzen estimator: samples where good scores were found, within the budget.',
  genetic: 'Evolves a population of parameter sets by selection, crossover and mutation, within the budget.',
} as const;
const BASE_FIELDS = ['exchange', 'symbol', 'timeframe', 'start', 'end', 'strategy.name', 'grid', 'initialCapital', 'feeBps', 'slippageBps', 'method', 'objective', 'budget', 'seed', 'top'];

export function OptimizeView({ initialQuery }: { initialQuery: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const key = useApiKey();
  const strategies = useStrategyCatalog();
  const exchanges = useExchangeCatalog();
  const run = useBackgroundRun(jobFromQuery(initialQuery));
  const extra = useMemo(() => ({ job: run.runId }), [run.runId]);
  const page = usePageForm(optimizePage, initialQuery, extra);
  const { form, patch, setForm } = page;
  const formRef = useRef<HTMLFormElement>(null);
  const [attempted, setAttempted] = useState(false);
  const [validations, setValidations] = useState<Record<string, ValidationState>>({});

  const info = strategies.data?.strategies.find((s) => s.name === form.strategy.name);

  // Every parameter gets a row once the registry is known; a new strategy starts from its default grid.
  useEffect(() => {
    if (!info) return;
    const names = new Set(info.params.map((p) => p.name));
    const keys = Object.keys(form.grid);
    if (keys.some((k) => !names.has(k))) setForm((f) => ({ ...f, grid: defaultGrid(info.params) }));
    else if (keys.length < names.size) setForm((f) => ({ ...f, grid: completeGrid(f.grid, info.params) }));
  }, [info, form.grid, setForm]);

  const expanded = useMemo(() => gridToRequest(form.grid), [form.grid]);
  const fixed = useMemo(() => {
    const all = effectiveParams(info, form.strategy.params);
    const out: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(all)) if (!form.grid[k]?.on) out[k] = v;
    return out;
  }, [info, form.strategy.params, form.grid]);
  const count = useMemo(() => (info && Object.keys(expanded.errors).length === 0 && Object.keys(expanded.grid).length > 0 ? countCombinations(info.name, expanded.grid, fixed) : null), [info, expanded, fixed]);

  const limit = DEFAULT_MAX_COMBINATIONS;
  const budget = typeof form.budget === 'number' ? form.budget : null;
  const localErrors: Record<string, string> = { ...expanded.errors };
  if (count && !count.ok) localErrors[count.field] = count.message.replace(`${count.field} `, '');
  if (count?.ok && count.valid === 0) localErrors.grid = `no valid combination: all ${formatInteger(count.size)} break a rule of ${info?.label ?? form.strategy.name}`;
  const overLimit = count?.ok === true && form.method === 'grid' && count.valid > limit;
  if (form.method !== 'grid' && budget !== null && budget > limit) localErrors.budget = `must be at most ${limit} (the server's limit on evaluations)`;
  const errors = { ...localErrors, ...page.errors };
  const blocking = Object.keys({ ...localErrors, ...page.clientErrors }).length > 0 || overLimit;

  const result = (run.job?.status === 'done' ? run.job.result : undefined) as OptimizeResultData | undefined;
  const runDetail = useQuery(trpc.runs.byId.queryOptions({ id: run.runId ?? '' }, { enabled: run.runId !== null && run.job?.status === 'done' }));
  const mock = run.mock || runDetail.data?.mock === true;

  const submit = () => {
    setAttempted(true);
    if (blocking || !key) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setValidations({});
    run.start({ kind: 'optimize', request: page.request as RouterInputs['backtest']['optimize'] });
  };

  // The request the leaderboard's rows are validated with: the optimized range, costs and strategy.
  const runRequest = (runDetail.data?.request ?? page.request) as Record<string, unknown>;
  const validate = useCallback(
    (id: string, params: Record<string, string | number>) => {
      setValidations((v) => ({ ...v, [id]: { status: 'pending' } }));
      const r = runRequest;
      const input = {
        exchange: r.exchange,
        symbol: r.symbol,
        timeframe: r.timeframe,
        start: r.start,
        end: r.end,
        initialCapital: r.initialCapital,
        feeBps: r.feeBps,
        slippageBps: r.slippageBps,
        strategy: { name: (r.strategy as { name: string }).name, params },
        config: { trainRatio: 0.6, testRatio: 0.4 },
      } as RouterInputs['backtest']['walkforward'];
      client.backtest.walkforward
        .mutate(input)
        .then((res) => {
          const wf = res.result;
          setValidations((v) => ({
            ...v,
            [id]:
              wf.kind === 'simple'
                ? { status: 'done', verdict: wf.verdict, ratio: wf.ratio, threshold: wf.threshold, trainSharpe: wf.trainSharpe, testSharpe: wf.testSharpe, runId: res.runId, mock: res.mock }
                : { status: 'done', verdict: wf.verdict, threshold: wf.threshold, runId: res.runId, mock: res.mock },
          }));
          void queryClient.invalidateQueries({ queryKey: trpc.runs.status.queryKey() });
        })
        .catch((e: unknown) => setValidations((v) => ({ ...v, [id]: { status: 'error', error: describeApiError(e).message } })));
    },
    [client, runRequest, queryClient, trpc],
  );

  const running = run.job !== null && (run.job.status === 'queued' || run.job.status === 'running');
  const best = run.job ? bestScoreOf(run.job.partial) : null;
  const liveBoard = run.job && running ? leaderboardOf(run.job.partial) : null;

  const combos = count?.ok ? (
    <div className={overLimit ? 'sw-combos sw-combos--over' : 'sw-combos'} role="status" aria-live="polite" data-testid="combination-count">
      <span>
        <b>{formatInteger(count.valid)}</b> combination{count.valid === 1 ? '' : 's'}
        {count.skipped ? <span className="sw-note"> ({formatInteger(count.skipped)} skipped by rules)</span> : null}
      </span>
      <span className="sw-note">
        {overLimit
          ? form.method === 'grid'
            ? `over the limit of ${limit}: narrow the ranges, or use TPE/genetic with a budget`
            : 'too many to check: narrow the ranges'
          : form.method === 'grid'
            ? `limit ${limit}`
            : `${budget ?? 'default'} evaluations`}
      </span>
    </div>
  ) : null;

  const formPanel = (
    <FormPanel
      ref={formRef}
      label="Optimizer settings"
      onSubmit={submit}
      submitLabel={run.starting ? 'Starting…' : running ? 'Running…' : 'Run optimization'}
      busy={run.starting}
      disabled={running || overLimit || !key || !info || !count?.ok}
      errors={errors}
      claimed={[...BASE_FIELDS, ...(info?.params.map((p) => `strategy.params.${p.name}`) ?? [])]}
      attempted={attempted}
      header={<PresetBar procedure="optimize" request={page.request} onLoad={(r) => page.load(r)} />}
      status={combos}
    >
      <CatalogGate strategies={strategies} exchanges={exchanges}>
        {(catalog, exchangeList) => (
          <>
            {!key && (
              <div style={{ padding: '12px 12px 0' }}>
                <KeyRequired role="trader" what="Optimizing" />
              </div>
            )}
            <SeriesFields value={form} onChange={patch} errors={errors} exchanges={exchangeList} timeframes={catalog.timeframes} />
            <StrategyFields
              title="Strategy"
              value={form.strategy}
              onChange={(strategy) => {
                const next = catalog.strategies.find((s) => s.name === strategy.name);
                patch({ strategy, ...(next && strategy.name !== form.strategy.name ? { grid: defaultGrid(next.params) } : {}) });
              }}
              errors={errors}
              strategies={catalog.strategies}
              hideParams={info?.params.map((p) => p.name) ?? []}
            />
            {info && (
              <FormSection title="Search space">
                <GridBuilder strategy={info} grid={form.grid} params={form.strategy.params} onGrid={(grid) => patch({ grid })} onParams={(params) => patch({ strategy: { ...form.strategy, params } })} errors={errors} />
                {errorAt(errors, 'grid') && !Object.keys(errors).some((k) => k.startsWith('grid.')) && <p className="sp-field-error">{errorAt(errors, 'grid')}</p>}
              </FormSection>
            )}
            <SearchFields form={form} patch={patch} errors={errors} objectives={catalog.objectives} />
            <CostFields value={form} onChange={patch} errors={errors} />
          </>
        )}
      </CatalogGate>
    </FormPanel>
  );

  return (
    <div className="sw-page">
      <PageHeader title="Optimizer" description="Search a strategy's parameters on one market, rank the results, and validate any of them out of sample with one click." />
      <Workbench form={formPanel} wide>
        {run.startError && <ApiErrorCallout view={describeApiError(run.startError)} />}
        {run.job && running && (
          <Card title="Search in progress" actions={best !== null ? <span className="sw-note">best {form.objective} so far <b>{formatNumber(best, { digits: 3 })}</b></span> : undefined}>
            <JobProgress job={run.job} label={`${METHOD_LABEL[form.method]} search`} onCancel={run.cancel} cancelling={run.cancelling} cancelError={run.cancelError} canCancel={key !== null} />
            {liveBoard && (
              <div style={{ marginTop: 12 }} data-testid="live-leaderboard">
                <Leaderboard
                  caption="Leaderboard so far"
                  objective={form.objective}
                  metricKeys={['totalReturn', 'maxDrawdown', 'trades']}
                  rows={liveBoard.map((e) => ({ id: paramsId(e.params), rank: e.rank, params: e.params, score: e.score, metrics: e.metrics }))}
                />
              </div>
            )}
          </Card>
        )}
        {run.job?.status === 'failed' &&
          (run.job.errorCode === 'CANCELLED' ? (
            <Card>
              <p className="sw-note" role="status">
                The search was cancelled ({run.job.error}). Nothing was kept; change the settings and run again.
              </p>
            </Card>
          ) : (
            <ApiErrorCallout view={{ title: 'The optimization failed', message: run.job.error ?? 'failed', fields: {}, ...(run.job.errorCode ? { code: run.job.errorCode } : {}) }} />
          ))}
        {result ? (
          <OptimizeResults result={result} mock={mock} runId={run.runId ?? undefined} onValidate={validate} validations={validations} hideHeatmap />
        ) : (
          !running &&
          !run.startError &&
          run.job?.status !== 'failed' && (
            <Card>
              <EmptyState
                title="No optimization yet"
                description="Tick the parameters to search and give each a range or a list. The count updates as you type; a grid search may try at most 500 valid combinations."
              />
            </Card>
          )
        )}
      </Workbench>
      {result && <ObjectiveHeatmap result={result} />}
    </div>
  );
}

function SearchFields({ form, patch, errors, objectives }: { form: OptimizeForm; patch: (p: Partial<OptimizeForm>) => void; errors: Record<string, string>; objectives: readonly string[] }) {
  return (
    <FormSection title="Search">
      <fieldset className="sw-choice-row" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="sp-label" style={{ marginBottom: 4 }}>
          Method
        </legend>
        {optimizerMethods.map((m) => (
          <label key={m} className="sw-choice">
            <input type="radio" name="method" value={m} checked={form.method === m} onChange={() => patch({ method: m })} />
            {METHOD_LABEL[m]}
          </label>
        ))}
      </fieldset>
      <p className="sw-note">{METHOD_HINT[form.method]}</p>
      <div className="sw-fields-2">
        <Field label="Objective" id="opt-objective" error={errorAt(errors, 'objective')} hint="Maximised">
          <select className="sp-select" value={form.objective} onChange={(e) => patch({ objective: e.target.value })}>
            {objectives.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </Field>
        <NumberField id="opt-top" label="Leaderboard rows" code="top" integer value={form.top} onValue={(top) => patch({ top })} error={errorAt(errors, 'top')} />
      </div>
      {form.method !== 'grid' && (
        <div className="sw-fields-2">
          <NumberField id="opt-budget" label="Budget" code="budget" integer value={form.budget} onValue={(budget) => patch({ budget })} error={errorAt(errors, 'budget')} hint="Evaluations; empty: a tenth of the space, 20 to 200" />
          <NumberField id="opt-seed" label="Seed" code="seed" integer value={form.seed} onValue={(seed) => patch({ seed })} error={errorAt(errors, 'seed')} hint="Same seed, same search" />
        </div>
      )}
    </FormSection>
  );
}
