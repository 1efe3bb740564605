'use client';
import { Field } from '@spark/ui';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { CatalogGate } from '@/components/CatalogGate';
import { CostFields, DateRangeFields, ExchangeSelect, FormSection, NumberField, StrategyFields, TimeframeSelect } from '@/components/FormParts';
import { PageHeader } from '@/components/Notices';
import { PresetBar } from '@/components/PresetBar';
import { PortfolioResults } from '@/components/results/PortfolioResults';
import { SymbolWeights } from '@/components/SymbolWeights';
import { FormPanel, ResultArea, Workbench } from '@/components/Workbench';
import type { RouterInputs } from '@/lib/api-types';
import { describeApiError, errorAt } from '@/lib/field-errors';
import { portfolioPage } from '@/lib/forms/portfolio';
import { rebalanceModes, type PortfolioForm } from '@/lib/forms/types';
import { focusFirstInvalid, useExchangeCatalog, usePageForm, useStrategyCatalog } from '@/lib/hooks';
import { useTRPC } from '@/lib/trpc';

const BASE_FIELDS = ['exchange', 'timeframe', 'start', 'end', 'symbols', 'weights', 'strategy.name', 'initialCapital', 'feeBps', 'slippageBps', 'rebalance', 'minTrade'];
const REBALANCE_HINT: Record<PortfolioForm['rebalance'], string> = {
  none: 'Weights drift with performance.',
  daily: 'Back to the target weights at each UTC day start.',
  weekly: 'Back to the target weights each Monday 00:00 UTC.',
};

export function PortfolioView({ initialQuery }: { initialQuery: string }) {
  const trpc = useTRPC();
  const strategies = useStrategyCatalog();
  const exchanges = useExchangeCatalog();
  const page = usePageForm(portfolioPage, initialQuery);
  const { form, patch, errors, clientErrors } = page;
  const formRef = useRef<HTMLFormElement>(null);
  const [attempted, setAttempted] = useState(false);
  const run = useMutation(trpc.backtest.portfolio.mutationOptions({ onError: (e) => page.setServerErrors(describeApiError(e).fields) }));
  const info = strategies.data?.strategies.find((s) => s.name === form.strategy.name);

  const submit = () => {
    setAttempted(true);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstInvalid(formRef.current);
      return;
    }
    run.mutate(page.request as RouterInputs['backtest']['portfolio']);
  };

  const formPanel = (
    <FormPanel
      ref={formRef}
      label="Portfolio settings"
      onSubmit={submit}
      submitLabel={run.isPending ? 'Running…' : 'Run portfolio'}
      busy={run.isPending}
      disabled={!strategies.data}
      errors={errors}
      claimed={[...BASE_FIELDS, ...(info?.params.map((p) => `strategy.params.${p.name}`) ?? [])]}
      attempted={attempted}
      header={<PresetBar procedure="portfolio" request={page.request} onLoad={(r) => page.load(r)} />}
    >
      <CatalogGate strategies={strategies} exchanges={exchanges}>
        {(catalog, exchangeList) => (
          <>
            <FormSection title="Market data">
              <div className="sw-fields-2">
                <ExchangeSelect id="pf-exchange" value={form.exchange} onChange={(exchange) => patch({ exchange })} exchanges={exchangeList} error={errorAt(errors, 'exchange')} />
                <TimeframeSelect id="pf-timeframe" value={form.timeframe} onChange={(timeframe) => patch({ timeframe })} timeframes={catalog.timeframes} error={errorAt(errors, 'timeframe')} />
              </div>
              <DateRangeFields start={form.start} end={form.end} timeframe={form.timeframe} onChange={patch} errors={errors} idPrefix="pf" />
            </FormSection>
            <FormSection title="Symbols and weights">
              <SymbolWeights
                symbols={form.symbols}
                weights={form.weights}
                onChange={({ symbols, weights }) => patch({ symbols, weights })}
                errors={errors}
                known={exchangeList.find((e) => e.name === form.exchange)?.symbols ?? []}
              />
            </FormSection>
            <StrategyFields value={form.strategy} onChange={(strategy) => patch({ strategy })} errors={errors} strategies={catalog.strategies} title="Strategy (on every symbol)" />
            <FormSection title="Rebalancing">
              <div className="sw-fields-2">
                <Field label="Rebalance" id="pf-rebalance" error={errorAt(errors, 'rebalance')} hint={REBALANCE_HINT[form.rebalance]}>
                  <select className="sp-select" value={form.rebalance} onChange={(e) => patch({ rebalance: e.target.value as PortfolioForm['rebalance'] })}>
                    {rebalanceModes.map((m) => (
                      <option key={m} value={m}>
                        {m}
                      </option>
                    ))}
                  </select>
                </Field>
                <NumberField id="pf-mintrade" label="Minimum trade" code="minTrade" unit="USDT" value={form.minTrade} onValue={(minTrade) => patch({ minTrade })} error={errorAt(errors, 'minTrade')} hint="Smaller rebalances are skipped" />
              </div>
            </FormSection>
            <CostFields value={form} onChange={patch} errors={errors} />
          </>
        )}
      </CatalogGate>
    </FormPanel>
  );

  return (
    <div className="sw-page">
      <PageHeader title="Portfolio" description="One strategy across several symbols with capital weights: the combined book against each symbol alone, correlation and diversification." />
      <Workbench form={formPanel}>
        <ResultArea
          run={run}
          onRetry={submit}
          pendingLabel={`Running ${form.symbols.length} symbols…`}
          empty={{ title: 'No portfolio yet', description: 'List up to 10 symbols, set their weights (they always sum to 100 %), choose the strategy and rebalancing, then run.' }}
        >
          {(data) => <PortfolioResults result={data.result} mock={data.mock} runId={data.runId} />}
        </ResultArea>
      </Workbench>
    </div>
  );
}
