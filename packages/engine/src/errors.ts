/**
 * The closed set of error codes the engine throws. The API maps each code to
 * one HTTP/tRPC status, so adding a code is a breaking change for that table.
 */
export const engineErrorCodes = [
  'INVALID_CANDLES',
  'INVALID_PARAMS',
  'INVALID_CONFIG',
  'INSUFFICIENT_DATA',
  'TOO_MANY_COMBINATIONS',
  'CANCELLED',
] as const;

export type EngineErrorCode = (typeof engineErrorCodes)[number];

/**
 * The only error class the engine throws on bad input or cancellation.
 * `field` is a path into the caller's request (`strategy.params.emaSlow`,
 * `candles[17].high`, `weights`), and the message names the field, the value
 * received and the rule it broke.
 */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly field: string;

  constructor(code: EngineErrorCode, field: string, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.field = field;
  }

  /** A plain object that survives structured cloning (worker threads) and JSON. */
  toJSON(): { name: 'EngineError'; code: EngineErrorCode; field: string; message: string } {
    return { name: 'EngineError', code: this.code, field: this.field, message: this.message };
  }
}

export function isEngineError(value: unknown): value is EngineError {
  return value instanceof EngineError;
}

/** Rebuilds an EngineError from its `toJSON()` form, e.g. after crossing a worker boundary. */
export function engineErrorFromJSON(value: unknown): EngineError | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.name !== 'EngineError') return null;
  if (typeof v.code !== 'string' || !(engineErrorCodes as readonly string[]).includes(v.code)) return null;
  if (typeof v.field !== 'string' || typeof v.message !== 'string') return null;
  return new EngineError(v.code as EngineErrorCode, v.field, v.message);
}

/** Formats a received value for an error message without dumping large objects. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return `a ${typeof value}`;
}
