// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { defaultParamValues, describeParamRule, parseNumberInput, validateParamValue, validateParamValues } from './params';
import type { ParamSpec } from '../types';

const emaFast: ParamSpec = { name: 'emaFast', type: 'int', min: 2, max: 500, default: 20 };
const atrMult: ParamSpec = { name: 'atrMult', type: 'real', min: 0.1, max: 10, default: 2, step: 0.1 };
const direction: ParamSpec = { name: 'direction', type: 'enum', options: ['long', 'short', 'both'], default: 'long' };

describe('describeParamRule', () => {
  it('states type, bounds and default in words', () => {
    expect(describeParamRule(emaFast)).toBe('integer, 2 to 500, default 20');
    expect(describeParamRule(atrMult)).toBe('number, 0.1 to 10, default 2');
    expect(describeParamRule(direction)).toBe('one of long, short, both, default long');
    expect(describeParamRule({ name: 'x', type: 'real', min: 0 })).toBe('number, at least 0');
    expect(describeParamRule({ name: 'atrMult', type: 'real', min: 0, max: 20, exclusiveMin: true, default: 2 })).toBe('number, above 0 up to 20, default 2');
  });
});

describe('validateParamValue', () => {
  it('accepts values inside the rule', () => {
    expect(validateParamValue(emaFast, 20)).toBeNull();
    expect(validateParamValue(atrMult, 0.1)).toBeNull();
    expect(validateParamValue(direction, 'both')).toBeNull();
  });

  it('names the parameter, the value and the rule', () => {
    expect(validateParamValue(emaFast, 1)).toBe('emaFast must be at least 2; got 1');
    expect(validateParamValue(emaFast, 900)).toBe('emaFast must be at most 500; got 900');
    expect(validateParamValue(emaFast, 2.5)).toBe('emaFast must be an integer; got 2.5');
    expect(validateParamValue(emaFast, '1e')).toBe('emaFast must be an integer; got "1e"');
    expect(validateParamValue(atrMult, '')).toBe('atrMult is required (number, 0.1 to 10, default 2)');
    expect(validateParamValue(direction, 'sideways')).toBe('direction must be one of long, short, both; got "sideways"');
  });

  it('enforces an exclusive minimum', () => {
    const mult: ParamSpec = { name: 'atrMult', type: 'real', min: 0, max: 20, exclusiveMin: true };
    expect(validateParamValue(mult, 0)).toBe('atrMult must be greater than 0; got 0');
    expect(validateParamValue(mult, 0.01)).toBeNull();
  });

  it('collects errors for a whole form', () => {
    expect(validateParamValues([emaFast, atrMult, direction], { emaFast: 1, atrMult: 2, direction: 'long' })).toEqual({
      emaFast: 'emaFast must be at least 2; got 1',
    });
    expect(defaultParamValues([emaFast, atrMult, direction])).toEqual({ emaFast: 20, atrMult: 2, direction: 'long' });
  });
});

describe('parseNumberInput', () => {
  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true })])('reads back any finite number JavaScript prints', (x) => {
    expect(Object.is(parseNumberInput(String(x)), x === 0 ? 0 : x) || parseNumberInput(String(x)) === x).toBe(true);
  });

  it('keeps text that is not a complete number as text', () => {
    for (const text of ['', ' ', '1e', '0x10', 'Infinity', '1,5', '--2', '.']) {
      expect(parseNumberInput(text)).toBe(text);
    }
    expect(parseNumberInput(' 12 ')).toBe(12);
    expect(parseNumberInput('.5')).toBe(0.5);
    expect(parseNumberInput('-3.')).toBe(-3);
  });
});
