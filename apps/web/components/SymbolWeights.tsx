'use client';
import { Button, formatPercent } from '@spark/ui';
import { useEffect, useId, useState } from 'react';
import { errorAt, type FieldErrors } from '@/lib/field-errors';
import { isNumericText } from '@/lib/forms/coerce';
import { MAX_PORTFOLIO_SYMBOLS } from '@/lib/forms/portfolio';
import { addWeight, equalWeights, removeWeight, setWeight, weightsSum } from '@/lib/weights';

function WeightInput({ value, onValue, label, id, describedBy }: { value: number; onValue: (fraction: number) => void; label: string; id: string; describedBy?: string }) {
  const shown = (value * 100).toFixed(2);
  const [text, setText] = useState(shown);
  const [focused, setFocused] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // Other rows rescale this one; follow them unless the user is typing here.
  useEffect(() => {
    if (!focused) setText(shown);
  }, [shown, focused]);
  return (
    <>
      <div className="sw-input-unit">
        <input
          id={id}
          className="sp-input sw-num-input"
          inputMode="decimal"
          autoComplete="off"
          aria-label={label}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : describedBy}
          value={text}
          onFocus={() => setFocused(true)}
          onBlur={() => {
            setFocused(false);
            setProblem(null);
            setText(shown);
          }}
          onChange={(e) => {
            const next = e.target.value;
            setText(next);
            const pct = isNumericText(next) ? Number(next.trim()) : Number.NaN;
            if (!Number.isFinite(pct) || pct < 0 || pct > 100) {
              setProblem(`must be a number from 0 to 100; got ${JSON.stringify(next)}`);
              return;
            }
            setProblem(null);
            onValue(pct / 100);
          }}
        />
        <span className="sw-unit" aria-hidden="true">
          %
        </span>
      </div>
      {problem && (
        <p className="sp-field-error" id={`${id}-error`}>
          {problem}
        </p>
      )}
    </>
  );
}

/**
 * Up to 10 symbols with their capital shares. Editing one weight rescales the
 * others in proportion, so the column always sums to 100 %.
 */
export function SymbolWeights({
  symbols,
  weights,
  onChange,
  errors,
  known,
}: {
  symbols: string[];
  weights: number[];
  onChange: (next: { symbols: string[]; weights: number[] }) => void;
  errors: FieldErrors;
  known: readonly string[];
}) {
  const base = useId();
  const listId = `${base}-known`;
  const sum = weightsSum(weights);
  const next = known.find((s) => !symbols.includes(s)) ?? '';
  return (
    <div className="sw-page" style={{ gap: 8 }}>
      <table className="sw-symbols" aria-label="Symbols and weights">
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col" className="sw-weight-cell">
              Weight
            </th>
            <th scope="col">
              <span className="sp-visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {symbols.map((symbol, i) => {
            const error = errorAt(errors, `symbols[${i}]`);
            const id = `${base}-s${i}`;
            return (
              <tr key={i}>
                <td>
                  <input
                    id={id}
                    className="sp-input sp-mono"
                    aria-label={`Symbol ${i + 1}`}
                    list={known.length > 0 ? listId : undefined}
                    autoComplete="off"
                    spellCheck={false}
                    value={symbol}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                    onChange={(e) => onChange({ symbols: symbols.map((s, k) => (k === i ? e.target.value.toUpperCase() : s)), weights })}
                  />
                  {error && (
                    <p className="sp-field-error" id={`${id}-error`}>
                      {error}
                    </p>
                  )}
                </td>
                <td className="sw-weight-cell">
                  <WeightInput id={`${id}-w`} label={`Weight of ${symbol || `symbol ${i + 1}`}, percent`} value={weights[i] ?? 0} onValue={(w) => onChange({ symbols, weights: setWeight(weights, i, w) })} />
                  <div className="sw-weight-bar" style={{ width: `${Math.round((weights[i] ?? 0) * 100)}%` }} aria-hidden="true" />
                </td>
                <td>
                  <Button size="sm" variant="ghost" aria-label={`Remove ${symbol || `symbol ${i + 1}`}`} disabled={symbols.length <= 1} onClick={() => onChange({ symbols: symbols.filter((_, k) => k !== i), weights: removeWeight(weights, i) })}>
                    ✕
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {known.length > 0 && (
        <datalist id={listId}>
          {known.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      <div className="sw-sum" aria-live="polite">
        <span>
          {symbols.length} of {MAX_PORTFOLIO_SYMBOLS} symbols
        </span>
        <span>Total {formatPercent(sum, { digits: 2 })}</span>
      </div>
      {errorAt(errors, 'weights') && <p className="sp-field-error">{errorAt(errors, 'weights')}</p>}
      {errorAt(errors, 'symbols') && !Object.keys(errors).some((k) => k.startsWith('symbols[')) && <p className="sp-field-error">{errorAt(errors, 'symbols')}</p>}
      <div className="sw-row">
        <Button size="sm" disabled={symbols.length >= MAX_PORTFOLIO_SYMBOLS} onClick={() => onChange({ symbols: [...symbols, next], weights: addWeight(weights) })}>
          + Add symbol
        </Button>
        <Button size="sm" variant="ghost" onClick={() => onChange({ symbols, weights: equalWeights(symbols.length) })}>
          Equal weights
        </Button>
      </div>
    </div>
  );
}
