import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ParamForm } from './ParamForm';
import { Field } from './Field';
import { validateParamValues } from '../lib/params';
import type { ParamSpec, ParamValue } from '../types';

const specs: ParamSpec[] = [
  { name: 'emaFast', type: 'int', min: 2, max: 500, default: 20, description: 'Fast EMA period' },
  { name: 'atrMult', type: 'real', min: 0.1, max: 10, default: 2, step: 0.1 },
  { name: 'direction', type: 'enum', options: ['long', 'short', { value: 'both', label: 'Long and short' }], default: 'long' },
];

function Harness({ onChange }: { onChange?: (v: Record<string, ParamValue | undefined>) => void }) {
  const [values, setValues] = useState<Record<string, ParamValue | undefined>>({ emaFast: 20, atrMult: 2, direction: 'long' });
  return (
    <ParamForm
      legend="emaCross parameters"
      specs={specs}
      values={values}
      errors={validateParamValues(specs, values)}
      onChange={(next) => {
        setValues(next);
        onChange?.(next);
      }}
    />
  );
}

describe('ParamForm', () => {
  it('links every label to its input and describes the rule', () => {
    render(<Harness />);
    const fast = screen.getByLabelText(/EMA fast/) as HTMLInputElement;
    expect(fast.value).toBe('20');
    expect(fast.id).toBe('param-emaFast');
    const hint = document.getElementById(fast.getAttribute('aria-describedby')!.split(' ')[0]!);
    expect(hint?.textContent).toBe('Fast EMA period (integer, 2 to 500, default 20)');
    expect(fast.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('group', { name: 'emaCross parameters' })).toBeTruthy();
  });

  it('shows the error under the field, wired with aria-invalid and aria-describedby', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const fast = screen.getByLabelText(/EMA fast/) as HTMLInputElement;
    fireEvent.change(fast, { target: { value: '1' } });
    expect(onChange).toHaveBeenLastCalledWith({ emaFast: 1, atrMult: 2, direction: 'long' });
    expect(fast.getAttribute('aria-invalid')).toBe('true');
    const errorId = fast.getAttribute('aria-describedby')!.split(' ').find((id) => id.endsWith('-error'))!;
    expect(document.getElementById(errorId)?.textContent).toBe('emaFast must be at least 2; got 1');
  });

  it('keeps half-typed numbers as text and reports them in words', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const mult = screen.getByLabelText(/ATR mult/) as HTMLInputElement;
    fireEvent.change(mult, { target: { value: '1e' } });
    expect(mult.value).toBe('1e');
    expect(onChange).toHaveBeenLastCalledWith({ emaFast: 20, atrMult: '1e', direction: 'long' });
    expect(screen.getByText('atrMult must be a number; got "1e"')).toBeTruthy();
    fireEvent.change(mult, { target: { value: '1.5' } });
    expect(onChange).toHaveBeenLastCalledWith({ emaFast: 20, atrMult: 1.5, direction: 'long' });
    expect(mult.getAttribute('aria-invalid')).toBeNull();
  });

  it('uses the spec label when the registry gives one', () => {
    render(<ParamForm specs={[{ ...specs[0]!, label: 'Fast EMA' }]} values={{ emaFast: 20 }} onChange={() => {}} />);
    expect((screen.getByLabelText(/Fast EMA/) as HTMLInputElement).id).toBe('param-emaFast');
  });

  it('offers enum options with their labels', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const select = screen.getByLabelText(/Direction/) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['long', 'short', 'Long and short']);
    fireEvent.change(select, { target: { value: 'both' } });
    expect(onChange).toHaveBeenLastCalledWith({ emaFast: 20, atrMult: 2, direction: 'both' });
  });

  it('follows values loaded from outside, e.g. a preset', () => {
    const { rerender } = render(<ParamForm specs={specs} values={{ emaFast: 20, atrMult: 2, direction: 'long' }} onChange={() => {}} />);
    rerender(<ParamForm specs={specs} values={{ emaFast: 12, atrMult: 2.5, direction: 'short' }} onChange={() => {}} />);
    expect((screen.getByLabelText(/EMA fast/) as HTMLInputElement).value).toBe('12');
    expect((screen.getByLabelText(/ATR mult/) as HTMLInputElement).value).toBe('2.5');
    expect((screen.getByLabelText(/Direction/) as HTMLSelectElement).value).toBe('short');
  });
});

describe('Field', () => {
  it('wires a plain input without a render function', () => {
    render(
      <Field label="Symbol" hint="Exchange symbol, e.g. BTCUSDT" error="symbol must be 3 to 20 capital letters; got btc">
        <input className="sp-input" defaultValue="btc" />
      </Field>,
    );
    const input = screen.getByLabelText('Symbol');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = input.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(['Exchange symbol, e.g. BTCUSDT', 'symbol must be 3 to 20 capital letters; got btc']);
  });
});
