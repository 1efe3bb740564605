'use client';

import { useEffect, useState } from 'react';
import type { ParamSpec, ParamValue, ParamValues } from '../types';
import { humanizeName } from '../lib/format';
import { describeParamRule, parseNumberInput } from '../lib/params';
import { Field, type FieldControlProps } from './Field';
import { cx } from './cx';

export interface ParamFormProps {
  specs: readonly ParamSpec[];
  /** Current values by parameter name (controlled). */
  values: ParamValues;
  /**
   * Called with the next values and the parameter that changed. Number fields
   * pass a number once the text is a complete number, and the raw text
   * otherwise (e.g. "" or "1e"), so validation can report it in words.
   */
  onChange: (next: Record<string, ParamValue | undefined>, changed: string) => void;
  /** Error message per parameter name, shown under its field. */
  errors?: Readonly<Record<string, string | undefined>>;
  /** Fieldset legend, e.g. "emaCross parameters". */
  legend?: string;
  /** Prefix for input ids, so two forms on a page never collide (default "param"). */
  idPrefix?: string;
  disabled?: boolean;
  className?: string;
}

interface NumberInputProps extends FieldControlProps {
  spec: ParamSpec;
  value: ParamValue | undefined;
  disabled?: boolean;
  onValue: (v: ParamValue) => void;
}

function textOf(value: ParamValue | undefined): string {
  return value === undefined ? '' : String(value);
}

/**
 * Keeps the typed text while it is not a number yet ("1.", "-", ""), and
 * follows the controlled value when it changes from outside (a preset loaded).
 */
function NumberInput({ spec, value, disabled, onValue, ...control }: NumberInputProps) {
  const [text, setText] = useState(textOf(value));
  useEffect(() => {
    setText((current) => (parseNumberInput(current) === value ? current : textOf(value)));
  }, [value]);
  return (
    <input
      {...control}
      className="sp-input"
      type="text"
      inputMode={spec.type === 'int' ? 'numeric' : 'decimal'}
      autoComplete="off"
      spellCheck={false}
      name={spec.name}
      value={text}
      disabled={disabled}
      onChange={(e) => {
        setText(e.target.value);
        onValue(parseNumberInput(e.target.value));
      }}
    />
  );
}

/**
 * A form section generated from strategy parameter specs: integer and real
 * parameters as numeric inputs, enums as selects, each with its label, its
 * rule in words ("integer, 2 to 500, default 20"), its description, and its
 * error under the field (aria-invalid + aria-describedby). Controlled: the
 * app owns `values` and `errors` (validate with the API's zod schema, or
 * with `validateParamValues`).
 *
 * @example
 * <ParamForm legend="emaCross parameters" specs={strategy.params} values={params} errors={errors.params}
 *   onChange={(next) => setParams(next)} />
 */
export function ParamForm({ specs, values, onChange, errors = {}, legend, idPrefix = 'param', disabled, className }: ParamFormProps) {
  const set = (name: string, v: ParamValue) => onChange({ ...values, [name]: v }, name);
  return (
    <fieldset className={cx('sp-fieldset', className)} disabled={disabled}>
      {legend && <legend className="sp-fieldset-legend">{legend}</legend>}
      <div className="sp-form-grid">
        {specs.map((spec) => {
          const error = errors[spec.name];
          const hint = spec.description ? `${spec.description} (${describeParamRule(spec)})` : describeParamRule(spec);
          return (
            <Field key={spec.name} id={`${idPrefix}-${spec.name}`} label={spec.label ?? humanizeName(spec.name)} code={spec.name} hint={hint} error={error} required>
              {(control) =>
                spec.type === 'enum' ? (
                  <select {...control} className="sp-select" name={spec.name} value={textOf(values[spec.name])} onChange={(e) => set(spec.name, e.target.value)}>
                    {values[spec.name] === undefined && <option value="">Choose…</option>}
                    {(spec.options ?? []).map((o) => {
                      const value = typeof o === 'string' ? o : o.value;
                      const label = typeof o === 'string' ? o : (o.label ?? o.value);
                      return (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      );
                    })}
                  </select>
                ) : (
                  <NumberInput {...control} spec={spec} value={values[spec.name]} onValue={(v) => set(spec.name, v)} />
                )
              }
            </Field>
          );
        })}
      </div>
    </fieldset>
  );
}

