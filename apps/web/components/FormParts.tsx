'use client';
import { Field, ParamForm, formatInteger, type ParamSpec as UiParamSpec } from '@spark/ui';
import type { ReactNode } from 'react';
import type { ExchangeInfo, StrategyInfo } from '@/lib/api-types';
import { MAX_BARS_PER_REQUEST, estimateBars } from '@/lib/bars';
import { errorAt, type FieldErrors } from '@/lib/field-errors';
import type { CostsForm, NumText, SeriesForm, StrategyForm } from '@/lib/forms/types';
import { NumberInput } from './NumberInput';

export function FormSection({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <fieldset className="sw-section">
      <legend className="sw-section-title">
        {title}
        {aside && <span className="sw-section-aside">{aside}</span>}
      </legend>
      {children}
    </fieldset>
  );
}

const KIND_LABEL: Record<ExchangeInfo['kind'], string> = { live: 'live', demo: 'offline', import: 'imported' };

export function ExchangeSelect({ value, onChange, exchanges, error, id }: { value: string; onChange: (v: string) => void; exchanges: readonly ExchangeInfo[]; error?: string; id: string }) {
  const known = exchanges.some((e) => e.name === value);
  return (
    <Field label="Exchange" id={id} error={error} hint={exchanges.find((e) => e.name === value)?.kind === 'demo' ? 'Synthetic candles anchored to real prices; works offline.' : undefined}>
      <select className="sp-select" value={value} onChange={(e) => onChange(e.target.value)} name="exchange">
        {!known && <option value={value}>{value || 'Choose…'}</option>}
        {exchanges.map((e) => (
          <option key={e.name} value={e.name}>
            {e.name} ({KIND_LABEL[e.kind]})
          </option>
        ))}
      </select>
    </Field>
  );
}

export function TimeframeSelect({ value, onChange, timeframes, error, id }: { value: string; onChange: (v: string) => void; timeframes: readonly string[]; error?: string; id: string }) {
  return (
    <Field label="Timeframe" id={id} error={error}>
      <select className="sp-select" value={value} onChange={(e) => onChange(e.target.value)} name="timeframe">
        {!timeframes.includes(value) && <option value={value}>{value}</option>}
        {timeframes.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function DateRangeFields({
  start,
  end,
  timeframe,
  onChange,
  errors,
  idPrefix,
}: {
  start: string;
  end: string;
  timeframe: string;
  onChange: (patch: { start?: string; end?: string }) => void;
  errors: FieldErrors;
  idPrefix: string;
}) {
  const bars = estimateBars(timeframe, start, end);
  return (
    <>
    <div className="sw-fields-2">
      <Field label="From (UTC)" id={`${idPrefix}-start`} error={errorAt(errors, 'start')}>
        <input className="sp-input" type="date" name="start" value={start} onChange={(e) => onChange({ start: e.target.value })} />
      </Field>
      <Field label="To (UTC)" id={`${idPrefix}-end`} error={errorAt(errors, 'end')} hint="Candles opening before this date">
        <input className="sp-input" type="date" name="end" value={end} onChange={(e) => onChange({ end: e.target.value })} />
      </Field>
    </div>
      {bars !== null && (
        <p className={bars > MAX_BARS_PER_REQUEST ? 'sw-note sw-warn' : 'sw-note'} role={bars > MAX_BARS_PER_REQUEST ? 'alert' : undefined}>
          ≈ {formatInteger(bars)} {timeframe} bars
          {bars > MAX_BARS_PER_REQUEST && ` — above the ${formatInteger(MAX_BARS_PER_REQUEST)} a request may load; narrow the range or use a longer timeframe`}
        </p>
      )}
    </>
  );
}

/** Exchange, symbol, timeframe and date range: where one series of candles comes from. */
export function SeriesFields({
  value,
  onChange,
  errors,
  exchanges,
  timeframes,
  idPrefix = 'series',
}: {
  value: SeriesForm;
  onChange: (patch: Partial<SeriesForm>) => void;
  errors: FieldErrors;
  exchanges: readonly ExchangeInfo[];
  timeframes: readonly string[];
  idPrefix?: string;
}) {
  const symbols = exchanges.find((e) => e.name === value.exchange)?.symbols ?? [];
  const listId = `${idPrefix}-symbols`;
  return (
    <FormSection title="Market data">
      <div className="sw-fields-2">
        <ExchangeSelect id={`${idPrefix}-exchange`} value={value.exchange} onChange={(exchange) => onChange({ exchange })} exchanges={exchanges} error={errorAt(errors, 'exchange')} />
        <Field label="Symbol" id={`${idPrefix}-symbol`} error={errorAt(errors, 'symbol')}>
          <input
            className="sp-input sp-mono"
            name="symbol"
            list={symbols.length > 0 ? listId : undefined}
            autoComplete="off"
            spellCheck={false}
            value={value.symbol}
            onChange={(e) => onChange({ symbol: e.target.value.toUpperCase() })}
          />
        </Field>
      </div>
      {symbols.length > 0 && (
        <datalist id={listId}>
          {symbols.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      <TimeframeSelect id={`${idPrefix}-timeframe`} value={value.timeframe} onChange={(timeframe) => onChange({ timeframe })} timeframes={timeframes} error={errorAt(errors, 'timeframe')} />
      <DateRangeFields start={value.start} end={value.end} timeframe={value.timeframe} onChange={onChange} errors={errors} idPrefix={idPrefix} />
    </FormSection>
  );
}

export function NumberField({
  label,
  code,
  value,
  onValue,
  error,
  hint,
  id,
  integer,
  unit,
}: {
  label: string;
  code?: string;
  value: NumText;
  onValue: (v: NumText) => void;
  error?: string;
  hint?: ReactNode;
  id: string;
  integer?: boolean;
  unit?: string;
}) {
  return (
    <Field label={label} code={code} id={id} error={error} hint={hint}>
      {(control) => (
        <div className="sw-input-unit">
          <NumberInput {...control} name={code} value={value} onValue={onValue} integer={integer} />
          {unit && <span className="sw-unit" aria-hidden="true">{unit}</span>}
        </div>
      )}
    </Field>
  );
}

/** Starting capital, fees and slippage. */
export function CostFields({ value, onChange, errors, idPrefix = 'costs' }: { value: CostsForm; onChange: (patch: Partial<CostsForm>) => void; errors: FieldErrors; idPrefix?: string }) {
  return (
    <FormSection title="Capital and costs">
      <NumberField id={`${idPrefix}-capital`} label="Initial capital" code="initialCapital" unit="USDT" value={value.initialCapital} onValue={(initialCapital) => onChange({ initialCapital })} error={errorAt(errors, 'initialCapital')} />
      <div className="sw-fields-2">
        <NumberField id={`${idPrefix}-fee`} label="Fee" code="feeBps" unit="bps" value={value.feeBps} onValue={(feeBps) => onChange({ feeBps })} error={errorAt(errors, 'feeBps')} hint="Per fill; 10 bps = 0.10 %" />
        <NumberField id={`${idPrefix}-slip`} label="Slippage" code="slippageBps" unit="bps" value={value.slippageBps} onValue={(slippageBps) => onChange({ slippageBps })} error={errorAt(errors, 'slippageBps')} hint="Against you, per fill" />
      </div>
    </FormSection>
  );
}

export function toUiSpecs(strategy: StrategyInfo | undefined): UiParamSpec[] {
  if (!strategy) return [];
  return strategy.params.map((p) => ({
    name: p.name,
    type: p.type,
    ...(p.min !== undefined ? { min: p.min } : {}),
    ...(p.max !== undefined ? { max: p.max } : {}),
    default: p.default,
    description: p.description,
    ...(p.options ? { options: p.options } : {}),
  }));
}

/** Current params with registry defaults for the ones not set. */
export function effectiveParams(strategy: StrategyInfo | undefined, params: Record<string, NumText>): Record<string, NumText> {
  const out: Record<string, NumText> = {};
  for (const p of strategy?.params ?? []) out[p.name] = p.default;
  return { ...out, ...params };
}

/** Strategy choice and its parameters, generated from the registry (`catalog.strategies`). */
export function StrategyFields({
  value,
  onChange,
  errors,
  strategies,
  hideParams = [],
  idPrefix = 'strategy',
  title = 'Strategy',
}: {
  value: StrategyForm;
  onChange: (next: StrategyForm) => void;
  errors: FieldErrors;
  strategies: readonly StrategyInfo[];
  /** Parameters edited elsewhere (the optimizer's grid). */
  hideParams?: readonly string[];
  idPrefix?: string;
  title?: string;
}) {
  const info = strategies.find((s) => s.name === value.name);
  const specs = toUiSpecs(info).filter((s) => !hideParams.includes(s.name));
  const values = effectiveParams(info, value.params);
  const paramErrors: Record<string, string | undefined> = {};
  for (const s of specs) paramErrors[s.name] = errorAt(errors, `strategy.params.${s.name}`);
  return (
    <FormSection title={title}>
      <Field label="Strategy" id={`${idPrefix}-name`} error={errorAt(errors, 'strategy.name')} hint={info?.description}>
        <select className="sp-select" name="strategy" value={value.name} onChange={(e) => onChange({ name: e.target.value, params: {} })}>
          {!info && <option value={value.name}>{value.name}</option>}
          {strategies.map((s) => (
            <option key={s.name} value={s.name}>
              {s.label}
            </option>
          ))}
        </select>
      </Field>
      {info && info.constraints.length > 0 && (
        <p className="sw-note">
          Rule{info.constraints.length > 1 ? 's' : ''}: {info.constraints.map((c) => c.description).join('; ')}
        </p>
      )}
      {specs.length > 0 && (
        <ParamForm
          specs={specs}
          values={values}
          errors={paramErrors}
          idPrefix={`${idPrefix}-param`}
          className="sw-params"
          onChange={(next) => {
            const params: Record<string, NumText> = { ...value.params };
            for (const [k, v] of Object.entries(next)) if (v !== undefined) params[k] = v;
            onChange({ name: value.name, params });
          }}
        />
      )}
    </FormSection>
  );
}
