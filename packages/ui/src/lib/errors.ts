/**
 * The error the data mappers throw when component input cannot be drawn
 * faithfully. `field` is a path into the component's props (for example
 * `candles[17].time` or `matrix[2]`), and the message names the value and the
 * rule, so a component can show it in an ErrorCallout instead of crashing.
 */
export class UiDataError extends Error {
  readonly field: string;
  /** The message without the field prefix. */
  readonly detail: string;

  constructor(field: string, detail: string) {
    super(`${field}: ${detail}`);
    this.name = 'UiDataError';
    this.field = field;
    this.detail = detail;
  }
}

/** What a component shows when its input is invalid. */
export interface DataProblem {
  field: string;
  message: string;
}

/** Converts a thrown value into a DataProblem; rethrows anything that is not a UiDataError. */
export function toDataProblem(error: unknown): DataProblem {
  if (error instanceof UiDataError) {
    return { field: error.field, message: error.detail };
  }
  throw error;
}

/** Formats a value for an error message: numbers in full, strings quoted. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value;
}
