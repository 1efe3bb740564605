/**
 * What another Node service does with the SDK (run by the SDK test in its own
 * process): check health, read the flags as admin, and run a backtest on its
 * own candles. SPARK_URL and SPARK_TOKEN come from the environment.
 */
import { createSparkClient } from './client';

const spark = createSparkClient({ url: process.env.SPARK_URL ?? 'http://127.0.0.1:3000', token: process.env.SPARK_TOKEN });

const health = await spark.health.query();
const flags = await spark.flags.list.query();
const start = Date.UTC(2024, 0, 1);
const candles = Array.from({ length: 200 }, (_, i) => {
  const close = 100 + 10 * Math.sin(i / 10);
  return [start + i * 3_600_000, close, close + 1, close - 1, close, 5];
});
const run = await spark.backtest.run.mutate({ timeframe: '1h', candles, strategy: { name: 'emaCross', params: { emaFast: 5, emaSlow: 20, atr: 14 } } });

console.log(JSON.stringify({ mode: health.mode, flags: flags.flags.length, runOk: run.ok, mock: run.mock, trades: run.result.metrics.trades }));
