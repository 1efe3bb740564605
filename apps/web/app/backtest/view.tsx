'use client';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { CostFields, SeriesFields, StrategyFields } from '@/components/FormParts';
import { PageHeader } from '@/components/Notices';
import { PresetBar } from '@/components/PresetBar';
import { BacktestResults, TradesCard } from '@/components/results/BacktestResults';
import { FormPanel, ResultArea, Workbench } from '@/components/Workbench';
import type { RouterInputs } from '@/lib/api-types';
import { describeApiError } from '@/lib/field-errors';
import { backtestPage } from '@/lib/forms/backtest';
import { focusFirstInvalid, useExchangeCatalog, usePageForm, useStrategyCatalog } from '@/lib/hooks';
import { useTRPC } from '@/lib/trpc';
import { CatalogGate } from '@/components/CatalogGate';

const BASE_FIELDS = ['exchange', 'symbol', 'timeframe', 'start', 'end', 'strategy.name', 'initialCapital', 'feeBps', 'slippageBps'];

export function BacktestView({ initialQuery }: { initialQuery: string }) {
  const trpc = useTRPC();
  const strategies = useStrategyCatalog();
  const exchanges = useExchangeCatalog();
  const page = usePageForm(backtestPage, initialQuery);
  const { form, patch, errors, clientErrors } = page;
  const formRef = useRef<HTMLFormElement>(null);
  const [attempted, setAttempted] = useState(false);
  const run = useMutation(trpc.backtest.run.mutationOptions({ onError: (e) => page.setServerErrors(describeApiError(e).fields) }));

  const info = strategies.data?.strategies.find((s) => s.name === form.strategy.name);
  const claimed = [...BASE_FIELDS, ...(info?.params.map((p) => `strategy.params.${p.name}`) ?? [])];

  const submit = () => {
    setAttempted(true);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstInvalid(formRef.current);
      return;
    }
    run.mutate({ ...page.request, includeCandles: true, includeIndicators: true } as RouterInputs['backtest']['run']);
  };

  const formPanel = (
    <FormPanel
      ref={formRef}
      label="Backtest settings"
      onSubmit={submit}
      submitLabel={run.isPending ? 'Running…' : 'Run backtest'}
      busy={run.isPending}
      disabled={!strategies.data}
      errors={errors}
      claimed={claimed}
      attempted={attempted}
      header={<PresetBar procedure="run" request={page.request} onLoad={(r) => page.load(r)} />}
    >
      <CatalogGate strategies={strategies} exchanges={exchanges}>
        {(catalog, exchangeList) => (
          <>
            <SeriesFields value={form} onChange={patch} errors={errors} exchanges={exchangeList} timeframes={catalog.timeframes} />
            <StrategyFields value={form.strategy} onChange={(strategy) => patch({ strategy })} errors={errors} strategies={catalog.strategies} />
            <CostFields value={form} onChange={patch} errors={errors} />
          </>
        )}
      </CatalogGate>
    </FormPanel>
  );

  return (
    <div className="sw-page">
      <PageHeader title="Backtest" description="One strategy on one market: candles with its indicators and trades, equity and drawdown, metrics and every trade." />
      <Workbench form={formPanel}>
        <ResultArea
          run={run}
          onRetry={submit}
          pendingLabel={`Running ${form.strategy.name} on ${form.symbol} ${form.timeframe}…`}
          empty={{ title: 'No result yet', description: 'Choose a market, a strategy and its parameters, then run the backtest. The defaults run offline on the demo feed.' }}
        >
          {(data) => <BacktestResults result={data.result} mock={data.mock} runId={data.runId} hideTrades />}
        </ResultArea>
      </Workbench>
      {run.data && (
        <div className={run.isPending ? 'sw-stale' : undefined}>
          <TradesCard trades={run.data.result.trades} />
        </div>
      )}
    </div>
  );
}
