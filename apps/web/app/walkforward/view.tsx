'use client';
import { Card, EmptyState, Field, ProgressBar, Tabs } from '@spark/ui';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CatalogGate } from '@/components/CatalogGate';
import { CostFields, FormSection, NumberField, SeriesFields, StrategyFields } from '@/components/FormParts';
import { GridBuilder } from '@/components/GridBuilder';
import { JobProgress } from '@/components/JobProgress';
import { ApiErrorCallout, PageHeader } from '@/components/Notices';
import { PresetBar } from '@/components/PresetBar';
import { TradesCard } from '@/components/results/BacktestResults';
import { WalkforwardResults } from '@/components/results/WalkforwardResults';
import { FormPanel, Workbench } from '@/components/Workbench';
import type { RouterInputs, WalkforwardResponse, WalkforwardResultData } from '@/lib/api-types';
import { describeApiError, errorAt, type ApiErrorView } from '@/lib/field-errors';
import { optimizerMethods, type WalkforwardForm } from '@/lib/forms/types';
import { walkforwardPage } from '@/lib/forms/walkforward';
import { completeGrid, gridToRequest } from '@/lib/grid';
import { focusFirstInvalid, useApiKey, useExchangeCatalog, usePageForm, useStrategyCatalog } from '@/lib/hooks';
import { useTRPC, useTRPCClient } from '@/lib/trpc';
import { jobFromQuery, useBackgroundRun } from '@/lib/use-background-run';

const BASE_FIELDS = [
  'exchange',
  'symbol',
  'timeframe',
  'start',
  'end',
  'strategy.name',
  'initialCapital',
  'feeBps',
  'slippageBps',
  'config.trainRatio',
  'config.testRatio',
  'config.threshold',
  'config.folds',
  'config.mode',
  'config.inSampleRatio',
  'config.method',
  'config.objective',
  'config.budget',
  'config.seed',
  'config.monteCarloSamples',
  'config.grid',
];

type Foreground = { status: 'idle' } | { status: 'running'; startedMs: number; controller: AbortController } | { status: 'done'; response: WalkforwardResponse } | { status: 'failed'; error: ApiErrorView };

export function WalkforwardView({ initialQuery }: { initialQuery: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const key = useApiKey();
  const strategies = useStrategyCatalog();
  const exchanges = useExchangeCatalog();
  const background = useBackgroundRun(jobFromQuery(initialQuery));
  const extra = useMemo(() => ({ job: background.runId }), [background.runId]);
  const page = usePageForm(walkforwardPage, initialQuery, extra);
  const { form, patch, setForm } = page;
  const formRef = useRef<HTMLFormElement>(null);
  const [attempted, setAttempted] = useState(false);
  const [foreground, setForeground] = useState<Foreground>({ status: 'idle' });
  const [shown, setShown] = useState<'foreground' | 'background' | null>(background.runId ? 'background' : null);

  const info = strategies.data?.strategies.find((s) => s.name === form.strategy.name);
  useEffect(() => {
    if (info && form.customGrid && Object.keys(form.grid).length < info.params.length) setForm((f) => ({ ...f, grid: completeGrid(f.grid, info.params) }));
  }, [info, form.customGrid, form.grid, setForm]);

  const gridErrors = form.wfMode === 'folds' && form.customGrid ? Object.fromEntries(Object.entries(gridToRequest(form.grid).errors).map(([k, v]) => [`config.${k}`, v])) : {};
  const errors = { ...gridErrors, ...page.errors };
  const blocking = Object.keys({ ...gridErrors, ...page.clientErrors }).length > 0;

  const submit = () => {
    setAttempted(true);
    if (blocking) {
      focusFirstInvalid(formRef.current);
      return;
    }
    const request = { ...page.request, includeCandles: true } as RouterInputs['backtest']['walkforward'];
    // Folds re-optimise per window and can take a while: with a trader key they run as a background job with progress and cancel.
    if (form.wfMode === 'folds' && key) {
      setShown('background');
      background.start({ kind: 'walkforward', request });
      return;
    }
    const controller = new AbortController();
    setShown('foreground');
    setForeground({ status: 'running', startedMs: Date.now(), controller });
    client.backtest.walkforward
      .mutate(request, { signal: controller.signal })
      .then((response) => setForeground({ status: 'done', response }))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return setForeground({ status: 'idle' });
        const view = describeApiError(e);
        page.setServerErrors(view.fields);
        setForeground({ status: 'failed', error: view });
      });
  };

  const job = background.job;
  const jobRunning = job !== null && (job.status === 'queued' || job.status === 'running');
  const fgRunning = foreground.status === 'running';
  const runDetail = useQuery(trpc.runs.byId.queryOptions({ id: background.runId ?? '' }, { enabled: background.runId !== null && job?.status === 'done' }));

  let result: { data: WalkforwardResultData; mock: boolean; runId?: string } | null = null;
  if (shown === 'foreground' && foreground.status === 'done') result = { data: foreground.response.result, mock: foreground.response.mock, runId: foreground.response.runId };
  if (shown === 'background' && job?.status === 'done' && job.result) result = { data: job.result as WalkforwardResultData, mock: background.mock || runDetail.data?.mock === true, runId: background.runId ?? undefined };

  const validation = (
    <FormSection title="Validation">
      <Tabs
        label="Walk-forward mode"
        value={form.wfMode}
        onChange={(id) => patch({ wfMode: id as WalkforwardForm['wfMode'] })}
        tabs={[
          {
            id: 'simple',
            label: 'Simple split',
            content: (
              <div className="sw-page" style={{ gap: 10 }}>
                <p className="sw-note">Train on the first part of the range, test on what follows, with the params as set above.</p>
                <div className="sw-fields-2">
                  <NumberField id="wf-train" label="Train share" code="trainRatio" value={form.trainRatio} onValue={(trainRatio) => patch({ trainRatio })} error={errorAt(errors, 'config.trainRatio')} hint="0 to 1, e.g. 0.6" />
                  <NumberField id="wf-test" label="Test share" code="testRatio" value={form.testRatio} onValue={(testRatio) => patch({ testRatio })} error={errorAt(errors, 'config.testRatio')} hint="train + test ≤ 1" />
                </div>
              </div>
            ),
          },
          {
            id: 'folds',
            label: 'Folds',
            content: <FoldFields form={form} patch={patch} errors={errors} objectives={strategies.data?.objectives ?? ['sharpe']} info={info} />,
          },
        ]}
      />
      <NumberField id="wf-threshold" label="Overfit threshold" code="threshold" value={form.threshold} onValue={(threshold) => patch({ threshold })} error={errorAt(errors, 'config.threshold')} hint="Test/train Sharpe below this is overfit; empty: the server's WFO_THRESHOLD (0.6 by default)" />
    </FormSection>
  );

  const formPanel = (
    <FormPanel
      ref={formRef}
      label="Walk-forward settings"
      onSubmit={submit}
      submitLabel={fgRunning || jobRunning ? 'Running…' : 'Run walk-forward'}
      busy={fgRunning || background.starting}
      disabled={jobRunning || !strategies.data}
      errors={errors}
      claimed={[...BASE_FIELDS, ...(info?.params.map((p) => `strategy.params.${p.name}`) ?? [])]}
      attempted={attempted}
      header={<PresetBar procedure="walkforward" request={page.request} onLoad={(r) => page.load(r)} />}
      footerNote={form.wfMode === 'folds' && !key ? 'Without a trader key, folds run in the foreground: no live progress, and cancelling only stops waiting.' : undefined}
    >
      <CatalogGate strategies={strategies} exchanges={exchanges}>
        {(catalog, exchangeList) => (
          <>
            <SeriesFields value={form} onChange={patch} errors={errors} exchanges={exchangeList} timeframes={catalog.timeframes} />
            <StrategyFields value={form.strategy} onChange={(strategy) => patch({ strategy })} errors={errors} strategies={catalog.strategies} title={form.wfMode === 'folds' ? 'Strategy (starting params)' : 'Strategy'} />
            {validation}
            <CostFields value={form} onChange={patch} errors={errors} />
          </>
        )}
      </CatalogGate>
    </FormPanel>
  );

  return (
    <div className="sw-page">
      <PageHeader
        title="Walk-forward"
        description="Does the edge survive data it was not fitted on? A train/test split, or rolling folds that re-optimise on each in-sample window, with an overfitting verdict."
      />
      <Workbench form={formPanel} wide>
        {shown === 'foreground' && foreground.status === 'running' && (
          <Card>
            <ProgressBar
              label={form.wfMode === 'folds' ? `Running ${form.folds} folds in the foreground` : 'Running the walk-forward'}
              evaluated={0}
              total={0}
              noun="folds"
              onCancel={() => foreground.controller.abort()}
            />
          </Card>
        )}
        {shown === 'foreground' && foreground.status === 'failed' && <ApiErrorCallout view={foreground.error} onRetry={submit} />}
        {shown === 'background' && background.startError && <ApiErrorCallout view={describeApiError(background.startError)} />}
        {shown === 'background' && job && jobRunning && (
          <Card title="Walk-forward job">
            <JobProgress job={job} label="Walk-forward" noun="done" onCancel={background.cancel} cancelling={background.cancelling} cancelError={background.cancelError} canCancel={key !== null} />
          </Card>
        )}
        {shown === 'background' &&
          job?.status === 'failed' &&
          (job.errorCode === 'CANCELLED' ? (
            <Card>
              <p className="sw-note" role="status">
                The walk-forward was cancelled ({job.error}).
              </p>
            </Card>
          ) : (
            <ApiErrorCallout view={{ title: 'The walk-forward failed', message: job.error ?? 'failed', fields: {}, ...(job.errorCode ? { code: job.errorCode } : {}) }} />
          ))}
        {result ? (
          <WalkforwardResults result={result.data} mock={result.mock} runId={result.runId} hideTrades />
        ) : (
          shown === null && (
            <Card>
              <EmptyState title="No walk-forward yet" description="Pick a market and a strategy, choose a simple split or folds, and run. The verdict compares out-of-sample with in-sample performance." />
            </Card>
          )
        )}
      </Workbench>
      {result?.data.kind === 'folds' && <TradesCard trades={result.data.oos.trades} title="Out-of-sample trades" />}
    </div>
  );
}

function FoldFields({
  form,
  patch,
  errors,
  objectives,
  info,
}: {
  form: WalkforwardForm;
  patch: (p: Partial<WalkforwardForm>) => void;
  errors: Record<string, string>;
  objectives: readonly string[];
  info: NonNullable<ReturnType<typeof useStrategyCatalog>['data']>['strategies'][number] | undefined;
}) {
  return (
    <div className="sw-page" style={{ gap: 10 }}>
      <p className="sw-note">Each fold optimises on its in-sample window and trades the winner on the out-of-sample window that follows.</p>
      <div className="sw-fields-2">
        <NumberField id="wf-folds" label="Folds" code="folds" integer value={form.folds} onValue={(folds) => patch({ folds })} error={errorAt(errors, 'config.folds')} hint="2 to 50" />
        <NumberField id="wf-is" label="In-sample share" code="inSampleRatio" value={form.inSampleRatio} onValue={(inSampleRatio) => patch({ inSampleRatio })} error={errorAt(errors, 'config.inSampleRatio')} hint="Of the first fold's window" />
      </div>
      <div className="sw-fields-2">
        <Field label="Windows" id="wf-mode" error={errorAt(errors, 'config.mode')} hint={form.foldMode === 'rolling' ? 'In-sample slides forward' : 'In-sample grows from the start'}>
          <select className="sp-select" value={form.foldMode} onChange={(e) => patch({ foldMode: e.target.value as WalkforwardForm['foldMode'] })}>
            <option value="rolling">rolling</option>
            <option value="anchored">anchored</option>
          </select>
        </Field>
        <Field label="Objective" id="wf-objective" error={errorAt(errors, 'config.objective')}>
          <select className="sp-select" value={form.objective} onChange={(e) => patch({ objective: e.target.value })}>
            {objectives.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="sw-fields-2">
        <Field label="Search" id="wf-method" error={errorAt(errors, 'config.method')}>
          <select className="sp-select" value={form.method} onChange={(e) => patch({ method: e.target.value as WalkforwardForm['method'] })}>
            {optimizerMethods.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </Field>
        <NumberField id="wf-mc" label="Monte Carlo samples" code="monteCarloSamples" integer value={form.monteCarloSamples} onValue={(monteCarloSamples) => patch({ monteCarloSamples })} error={errorAt(errors, 'config.monteCarloSamples')} />
      </div>
      {form.method !== 'grid' && (
        <div className="sw-fields-2">
          <NumberField id="wf-budget" label="Budget" code="budget" integer value={form.budget} onValue={(budget) => patch({ budget })} error={errorAt(errors, 'config.budget')} hint="Evaluations per fold" />
          <NumberField id="wf-seed" label="Seed" code="seed" integer value={form.seed} onValue={(seed) => patch({ seed })} error={errorAt(errors, 'config.seed')} />
        </div>
      )}
      <label className="sw-choice" style={{ alignSelf: 'flex-start' }}>
        <input type="checkbox" checked={form.customGrid} onChange={(e) => patch({ customGrid: e.target.checked })} />
        Choose the values each fold may pick
      </label>
      {!form.customGrid && <p className="sw-note">Off: each fold searches a neighbourhood of the starting params.</p>}
      {form.customGrid && info && (
        <GridBuilder
          strategy={info}
          grid={form.grid}
          params={form.strategy.params}
          onGrid={(grid) => patch({ grid })}
          onParams={(params) => patch({ strategy: { ...form.strategy, params } })}
          errors={Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.replace(/^config\./, ''), v]))}
          idPrefix="wfgrid"
        />
      )}
    </div>
  );
}
