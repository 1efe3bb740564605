/**
 * The demo feed's instruments. Price levels are pinned at quarter ends so the
 * synthetic paths sit where the real market was on those dates:
 * - BTCUSDT, ETHUSDT, BNBUSDT 2022-2025: the exact Binance spot daily closes from
 *   the candle files in ../shared/data (BTCUSDT-1h.csv etc., 23:00 UTC bar of the day);
 * - everything else: approximate quarter-end closes of the Binance spot market,
 *   rounded, from public price history.
 * After the last anchor (2025-12-31) the paths run free. Volatility and loading
 * on the shared market factor are set so daily volatility and cross-asset
 * correlation resemble 2020-2025 (BTC ~3 %/day, BTC-ETH hourly correlation ~0.8).
 */

export interface DemoSymbol {
  symbol: string;
  /** Stable small integer feeding the random keys; never renumber. */
  id: number;
  /** First open time served (UTC ms): the feed starts 2020-01-01, or at listing. */
  listedAt: number;
  /** Daily log-return volatility scale before regimes and GARCH. */
  dailyVol: number;
  /** Correlation of the symbol's shocks with the shared market factor. */
  loading: number;
  /** Price tick (Binance spot PRICE_FILTER) and volume step (LOT_SIZE). */
  tick: number;
  volumeStep: number;
  /** Typical daily volume in base units. */
  dailyVolume: number;
  /** [YYYY-MM-DD, close] pins, ascending. */
  anchors: readonly (readonly [string, number])[];
}

const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);

export const DEMO_START = utc('2020-01-01');

export const DEMO_SYMBOLS: readonly DemoSymbol[] = [
  {
    symbol: 'BTCUSDT',
    id: 1,
    listedAt: DEMO_START,
    dailyVol: 0.021,
    loading: 0.9,
    tick: 0.01,
    volumeStep: 0.00001,
    dailyVolume: 35_000,
    anchors: [
      ['2019-12-31', 7195], ['2020-03-31', 6430], ['2020-06-30', 9140], ['2020-09-30', 10780],
      ['2020-12-31', 28990], ['2021-03-31', 58800], ['2021-06-30', 35040], ['2021-09-30', 43820],
      ['2021-12-31', 46220], ['2022-03-31', 45510.34], ['2022-06-30', 19942.21], ['2022-09-30', 19422.61],
      ['2022-12-31', 16542.4], ['2023-03-31', 28465.36], ['2023-06-30', 30472], ['2023-09-30', 26962.56],
      ['2023-12-31', 42283.58], ['2024-03-31', 71280.01], ['2024-06-30', 62772.01], ['2024-09-30', 63327.59],
      ['2024-12-31', 93576], ['2025-03-31', 82550.01], ['2025-06-30', 107146.5], ['2025-09-30', 114048.93],
      ['2025-12-31', 87648.22],
    ],
  },
  {
    symbol: 'ETHUSDT',
    id: 2,
    listedAt: DEMO_START,
    dailyVol: 0.028,
    loading: 0.88,
    tick: 0.01,
    volumeStep: 0.0001,
    dailyVolume: 450_000,
    anchors: [
      ['2019-12-31', 129], ['2020-03-31', 133], ['2020-06-30', 226], ['2020-09-30', 360],
      ['2020-12-31', 737], ['2021-03-31', 1918], ['2021-06-30', 2275], ['2021-09-30', 3000],
      ['2021-12-31', 3683], ['2022-03-31', 3281.51], ['2022-06-30', 1071.01], ['2022-09-30', 1328.72],
      ['2022-12-31', 1196.13], ['2023-03-31', 1821.52], ['2023-06-30', 1933.79], ['2023-09-30', 1670.89],
      ['2023-12-31', 2281.87], ['2024-03-31', 3645.29], ['2024-06-30', 3438.16], ['2024-09-30', 2602.23],
      ['2024-12-31', 3337.78], ['2025-03-31', 1822.43], ['2025-06-30', 2485.47], ['2025-09-30', 4145.15],
      ['2025-12-31', 2971.64],
    ],
  },
  {
    symbol: 'BNBUSDT',
    id: 3,
    listedAt: DEMO_START,
    dailyVol: 0.024,
    loading: 0.8,
    tick: 0.01,
    volumeStep: 0.001,
    dailyVolume: 400_000,
    anchors: [
      ['2019-12-31', 13.7], ['2020-03-31', 12.2], ['2020-06-30', 15.3], ['2020-09-30', 28.7],
      ['2020-12-31', 37.4], ['2021-03-31', 310], ['2021-06-30', 303], ['2021-09-30', 380],
      ['2021-12-31', 511], ['2022-03-31', 428.9], ['2022-06-30', 219.6], ['2022-09-30', 284.8],
      ['2022-12-31', 246.3], ['2023-03-31', 316.9], ['2023-06-30', 240.3], ['2023-09-30', 214.6],
      ['2023-12-31', 311.8], ['2024-03-31', 606.7], ['2024-06-30', 582.2], ['2024-09-30', 567.4],
      ['2024-12-31', 702.3], ['2025-03-31', 604.81], ['2025-06-30', 656.9], ['2025-09-30', 1008.51],
      ['2025-12-31', 864.3],
    ],
  },
  {
    symbol: 'SOLUSDT',
    id: 4,
    // Binance listed SOL/USDT on 2020-08-11.
    listedAt: utc('2020-08-11'),
    dailyVol: 0.039,
    loading: 0.8,
    tick: 0.01,
    volumeStep: 0.001,
    dailyVolume: 3_000_000,
    anchors: [
      ['2020-08-11', 3.0], ['2020-09-30', 2.95], ['2020-12-31', 1.51], ['2021-03-31', 19.3],
      ['2021-06-30', 34.4], ['2021-09-30', 141], ['2021-12-31', 170], ['2022-03-31', 122],
      ['2022-06-30', 33.4], ['2022-09-30', 33.2], ['2022-12-31', 9.96], ['2023-03-31', 20.8],
      ['2023-06-30', 19.0], ['2023-09-30', 21.4], ['2023-12-31', 101.6], ['2024-03-31', 202],
      ['2024-06-30', 146], ['2024-09-30', 152], ['2024-12-31', 189], ['2025-03-31', 125],
      ['2025-06-30', 155], ['2025-09-30', 209], ['2025-12-31', 125],
    ],
  },
  {
    symbol: 'XRPUSDT',
    id: 5,
    listedAt: DEMO_START,
    dailyVol: 0.033,
    loading: 0.75,
    tick: 0.0001,
    volumeStep: 0.1,
    dailyVolume: 250_000_000,
    anchors: [
      ['2019-12-31', 0.193], ['2020-03-31', 0.173], ['2020-06-30', 0.176], ['2020-09-30', 0.242],
      ['2020-12-31', 0.219], ['2021-03-31', 0.57], ['2021-06-30', 0.7], ['2021-09-30', 0.95],
      ['2021-12-31', 0.83], ['2022-03-31', 0.82], ['2022-06-30', 0.32], ['2022-09-30', 0.48],
      ['2022-12-31', 0.34], ['2023-03-31', 0.54], ['2023-06-30', 0.47], ['2023-09-30', 0.51],
      ['2023-12-31', 0.62], ['2024-03-31', 0.63], ['2024-06-30', 0.47], ['2024-09-30', 0.61],
      ['2024-12-31', 2.08], ['2025-03-31', 2.09], ['2025-06-30', 2.23], ['2025-09-30', 2.85],
      ['2025-12-31', 1.88],
    ],
  },
  {
    symbol: 'ADAUSDT',
    id: 6,
    listedAt: DEMO_START,
    dailyVol: 0.034,
    loading: 0.8,
    tick: 0.0001,
    volumeStep: 0.1,
    dailyVolume: 250_000_000,
    anchors: [
      ['2019-12-31', 0.033], ['2020-03-31', 0.0278], ['2020-06-30', 0.0803], ['2020-09-30', 0.0985],
      ['2020-12-31', 0.181], ['2021-03-31', 1.19], ['2021-06-30', 1.39], ['2021-09-30', 2.12],
      ['2021-12-31', 1.31], ['2022-03-31', 1.14], ['2022-06-30', 0.47], ['2022-09-30', 0.43],
      ['2022-12-31', 0.246], ['2023-03-31', 0.389], ['2023-06-30', 0.288], ['2023-09-30', 0.248],
      ['2023-12-31', 0.59], ['2024-03-31', 0.65], ['2024-06-30', 0.39], ['2024-09-30', 0.37],
      ['2024-12-31', 0.84], ['2025-03-31', 0.7], ['2025-06-30', 0.57], ['2025-09-30', 0.8],
      ['2025-12-31', 0.35],
    ],
  },
];

export const DEMO_SYMBOL_NAMES: readonly string[] = DEMO_SYMBOLS.map((s) => s.symbol);

export function findDemoSymbol(symbol: string): DemoSymbol | undefined {
  return DEMO_SYMBOLS.find((s) => s.symbol === symbol);
}
