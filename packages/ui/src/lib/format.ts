/**
 * Number, time and duration formatting for the UI. Every formatter uses a
 * fixed locale (en-US grouping, '.' decimals) so screenshots, tests and
 * shared links read the same on every machine, and times are always UTC:
 * candles, trades and exchange data are all stamped in UTC.
 */

/** Shown where a value is missing or undefined (NaN). */
export const MISSING = '—';

const fixedFormatters = new Map<number, Intl.NumberFormat>();

function fixedFormatter(digits: number): Intl.NumberFormat {
  let f = fixedFormatters.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: true,
    });
    fixedFormatters.set(digits, f);
  }
  return f;
}

export interface NumberFormatOptions {
  /** Digits after the decimal point (default 2). */
  digits?: number;
  /** Prefix positive values with '+' (default false). */
  signed?: boolean;
}

/**
 * Fixed-point with thousands separators: 1234.5 → "1,234.50". A value that
 * rounds to zero is shown without a sign ("0.00", never "-0.00").
 * NaN → "—", ±Infinity → "∞" / "-∞".
 */
export function formatNumber(value: number, options: NumberFormatOptions = {}): string {
  const digits = options.digits ?? 2;
  if (Number.isNaN(value)) return MISSING;
  if (!Number.isFinite(value)) return value > 0 ? (options.signed ? '+∞' : '∞') : '-∞';
  const text = fixedFormatter(digits).format(Math.abs(value));
  const isZero = /^[0.,]*$/.test(text);
  if (isZero) return text;
  if (value < 0) return `-${text}`;
  return options.signed ? `+${text}` : text;
}

/** A fraction as a percentage: 0.1234 → "12.34%"; signed → "+12.34%". */
export function formatPercent(fraction: number, options: NumberFormatOptions = {}): string {
  if (Number.isNaN(fraction)) return MISSING;
  return `${formatNumber(fraction * 100, options)}%`;
}

/**
 * An amount in a quote currency: 1234.5 → "1,234.50 USDT". Crypto quote
 * assets (USDT, USDC, BTC) are not ISO 4217 codes, so the code follows the
 * number instead of going through Intl's currency style.
 */
export function formatCurrency(value: number, currency = 'USDT', options: NumberFormatOptions = {}): string {
  if (Number.isNaN(value)) return MISSING;
  return `${formatNumber(value, options)} ${currency}`;
}

/** An integer count with grouping: 12345 → "12,345". */
export function formatInteger(value: number): string {
  return formatNumber(Math.round(value), { digits: 0 });
}

/**
 * A price with precision by magnitude, the way exchanges quote them:
 * ≥ 100 → 2 decimals (42,475.23), ≥ 1 → 4 decimals (1.2345),
 * below 1 → 6 significant digits (0.0000123457).
 */
export function formatPrice(value: number): string {
  if (!Number.isFinite(value)) return formatNumber(value);
  const abs = Math.abs(value);
  if (abs >= 100) return formatNumber(value, { digits: 2 });
  if (abs >= 1) return formatNumber(value, { digits: 4 });
  if (abs === 0) return '0';
  const digits = Math.min(12, 5 - Math.floor(Math.log10(abs)));
  return formatNumber(value, { digits });
}

/** A quantity of the base asset, up to 6 decimals without trailing zeros: 0.5 → "0.5". */
export function formatQuantity(value: number): string {
  if (!Number.isFinite(value)) return formatNumber(value);
  const text = formatNumber(value, { digits: 6 });
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * An epoch-ms time as "YYYY-MM-DD HH:mm" in UTC (ISO 8601 order with a space,
 * minutes resolution: the smallest timeframe is one minute). With
 * `seconds: true`, "YYYY-MM-DD HH:mm:ss". Non-finite → "—".
 */
export function formatUtc(ms: number, options: { seconds?: boolean } = {}): string {
  if (!Number.isFinite(ms)) return MISSING;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return MISSING;
  const base = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  return options.seconds ? `${base}:${pad2(d.getUTCSeconds())}` : base;
}

/** An epoch-ms time as "YYYY-MM-DD" (UTC). */
export function formatUtcDate(ms: number): string {
  const full = formatUtc(ms);
  return full === MISSING ? full : full.slice(0, 10);
}

/** The machine-readable form for `<time dateTime>`: full ISO 8601 in UTC, or undefined. */
export function toIsoUtc(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/**
 * A duration in words a trader reads at a glance: "<1 s", "42 s",
 * "3 min 05 s", "1 h 05 min", "2 d 03 h". Negative or non-finite → "—".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return MISSING;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 1) return '<1 s';
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) return `${totalMinutes} min ${pad2(totalSeconds % 60)} s`;
  const totalHours = Math.floor(totalMinutes / 60);
  if (totalHours < 24) return `${totalHours} h ${pad2(totalMinutes % 60)} min`;
  return `${Math.floor(totalHours / 24)} d ${pad2(totalHours % 24)} h`;
}

export type Tone = 'up' | 'down' | 'neutral';

/** Colour tone by sign: positive → up, negative → down, zero or NaN → neutral. */
export function signTone(value: number | null | undefined): Tone {
  if (value === null || value === undefined || Number.isNaN(value) || value === 0) return 'neutral';
  return value > 0 ? 'up' : 'down';
}

/** Indicator and finance abbreviations that stay upper-case in labels. */
const ACRONYMS = new Set(['ema', 'sma', 'wma', 'atr', 'rsi', 'macd', 'adx', 'cci', 'mfi', 'obv', 'roc', 'vwap', 'bb', 'pnl', 'oos', 'is', 'id', 'usd', 'usdt']);

/** "emaFast" → "EMA fast", "atr_mult" → "ATR mult": a readable label from an identifier. */
export function humanizeName(name: string): string {
  const words = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w));
  const first = words[0] ?? '';
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(' ');
}
