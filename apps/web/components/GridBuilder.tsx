'use client';
import { formatInteger } from '@spark/ui';
import { useId } from 'react';
import type { StrategyInfo } from '@/lib/api-types';
import { errorAt, type FieldErrors } from '@/lib/field-errors';
import type { GridAxisForm, GridForm, NumText } from '@/lib/forms/types';
import { defaultAxis, expandAxis } from '@/lib/grid';
import { effectiveParams } from './FormParts';
import { NumberInput } from './NumberInput';

/**
 * The search space, one row per strategy parameter: tick it to search it
 * (a from/to/step range or an explicit list; option boxes for enums), or
 * leave it fixed at the value in the last column.
 */
export function GridBuilder({
  strategy,
  grid,
  params,
  onGrid,
  onParams,
  errors,
  idPrefix = 'grid',
}: {
  strategy: StrategyInfo;
  grid: GridForm;
  params: Record<string, NumText>;
  onGrid: (next: GridForm) => void;
  onParams: (next: Record<string, NumText>) => void;
  errors: FieldErrors;
  idPrefix?: string;
}) {
  const base = useId();
  const fixed = effectiveParams(strategy, params);
  const setAxis = (name: string, axis: GridAxisForm) => onGrid({ ...grid, [name]: axis });

  return (
    <div className="sp-table-wrap">
      <table className="sw-gridb" aria-label="Search space">
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Values</th>
            <th scope="col" className="sw-gridb-count" title="Values searched">
              n
            </th>
          </tr>
        </thead>
        <tbody>
          {strategy.params.map((spec) => {
            const axis = grid[spec.name] ?? defaultAxis(spec, false);
            const id = `${base}-${idPrefix}-${spec.name}`;
            const expanded = axis.on ? expandAxis(spec.type === 'enum' ? { ...axis, mode: 'list' } : axis) : null;
            const error = (axis.on ? errorAt(errors, `grid.${spec.name}`) : undefined) ?? errorAt(errors, `strategy.params.${spec.name}`);
            const errorId = `${id}-error`;
            const invalid = error ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {};
            return (
              <tr key={spec.name} data-param={spec.name}>
                <th scope="row">
                  <div className="sw-gridb-name">
                    <input
                      type="checkbox"
                      id={`${id}-on`}
                      checked={axis.on}
                      onChange={(e) => setAxis(spec.name, { ...axis, on: e.target.checked })}
                      aria-describedby={`${id}-desc`}
                    />
                    <label htmlFor={`${id}-on`} title={spec.description}>
                      {spec.label}
                    </label>
                  </div>
                  <span className="sp-label-code" id={`${id}-desc`} style={{ marginLeft: 20 }}>
                    {axis.on ? `search ${spec.name}` : `${spec.name} fixed`}
                  </span>
                </th>
                <td>
                  {axis.on ? (
                    spec.type === 'enum' ? (
                      <fieldset className="sw-choice-row" style={{ border: 0, margin: 0, padding: 0 }} {...(error ? { 'aria-describedby': errorId } : {})}>
                        <legend className="sp-visually-hidden">{spec.label} options to search</legend>
                        {(spec.options ?? []).map((o) => {
                          const chosen = axis.list.split(',').map((s) => s.trim()).filter(Boolean);
                          const on = chosen.includes(o);
                          return (
                            <label key={o} className="sw-choice">
                              <input
                                type="checkbox"
                                checked={on}
                                onChange={() => setAxis(spec.name, { ...axis, mode: 'list', list: (on ? chosen.filter((c) => c !== o) : [...chosen, o]).join(', ') })}
                              />
                              {o}
                            </label>
                          );
                        })}
                      </fieldset>
                    ) : (
                      <div>
                        <div className="sw-row" style={{ marginBottom: 4, gap: 4 }}>
                          <select
                            className="sp-select sp-select--auto"
                            aria-label={`${spec.label}: range or list`}
                            value={axis.mode}
                            onChange={(e) => setAxis(spec.name, { ...axis, mode: e.target.value as 'range' | 'list', list: axis.list || (expanded && 'values' in expanded ? expanded.values.join(', ') : '') })}
                          >
                            <option value="range">range</option>
                            <option value="list">list</option>
                          </select>
                        </div>
                        {axis.mode === 'range' ? (
                          <div className="sw-gridb-vals">
                            {(['min', 'max', 'step'] as const).map((k) => (
                              <NumberInput
                                key={k}
                                className="sp-input"
                                aria-label={`${spec.label} ${k === 'min' ? 'from' : k === 'max' ? 'to' : 'step'}`}
                                placeholder={k === 'min' ? 'from' : k === 'max' ? 'to' : 'step'}
                                integer={spec.type === 'int'}
                                value={axis[k]}
                                onValue={(v) => setAxis(spec.name, { ...axis, [k]: v })}
                                {...invalid}
                              />
                            ))}
                          </div>
                        ) : (
                          <input
                            className="sp-input sp-mono"
                            aria-label={`${spec.label} values, comma-separated`}
                            placeholder="e.g. 10, 20, 50"
                            value={axis.list}
                            onChange={(e) => setAxis(spec.name, { ...axis, list: e.target.value })}
                            {...invalid}
                          />
                        )}
                      </div>
                    )
                  ) : spec.type === 'enum' ? (
                    <select
                      className="sp-select"
                      aria-label={`${spec.label} (fixed)`}
                      value={String(fixed[spec.name] ?? '')}
                      onChange={(e) => onParams({ ...params, [spec.name]: e.target.value })}
                      {...invalid}
                    >
                      {(spec.options ?? []).map((o) => (
                        <option key={o} value={o}>
                          {o}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <NumberInput
                      className="sp-input"
                      aria-label={`${spec.label} (fixed)`}
                      integer={spec.type === 'int'}
                      value={fixed[spec.name] ?? ''}
                      onValue={(v) => onParams({ ...params, [spec.name]: v })}
                      {...invalid}
                    />
                  )}
                  {error && (
                    <p className="sw-gridb-err" id={errorId}>
                      {error}
                    </p>
                  )}
                </td>
                <td className="sw-gridb-count">{axis.on && expanded && 'values' in expanded ? formatInteger(expanded.values.length) : '1'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
