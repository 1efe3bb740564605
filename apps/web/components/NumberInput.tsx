'use client';
import { useEffect, useState, type InputHTMLAttributes } from 'react';
import { isNumericText } from '@/lib/forms/coerce';
import type { NumText } from '@/lib/forms/types';

export interface NumberInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> {
  value: NumText;
  /** A number once the text is a complete number, the raw text otherwise (so validation can say what is wrong). */
  onValue: (value: NumText) => void;
  integer?: boolean;
}

function textOf(value: NumText): string {
  return typeof value === 'number' ? String(value) : value;
}

/**
 * A text input for numbers: keeps what the user types ("0.", "-", "1e") while
 * it is not a number yet, and follows the value when it changes from outside
 * (a preset loaded, a link opened).
 */
export function NumberInput({ value, onValue, integer, className, ...rest }: NumberInputProps) {
  const [text, setText] = useState(textOf(value));
  useEffect(() => {
    setText((current) => {
      const parsed: NumText = isNumericText(current) ? Number(current.trim()) : current;
      return parsed === value ? current : textOf(value);
    });
  }, [value]);
  return (
    <input
      {...rest}
      className={className ?? 'sp-input sw-num-input'}
      type="text"
      inputMode={integer ? 'numeric' : 'decimal'}
      autoComplete="off"
      spellCheck={false}
      value={text}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        onValue(isNumericText(next) ? Number(next.trim()) : next);
      }}
    />
  );
}
