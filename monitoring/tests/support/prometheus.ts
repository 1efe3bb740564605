/**
 * Runs promtool, and a real Prometheus (Debian's package) on a free loopback port with a
 * config derived from the repository's, for the live checks.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { prometheusDir } from '../../src/paths';
import { freePort, killGroup, killGroupOnExit } from './app';
import type { PrometheusConfig } from './repo';
import { prometheusPath, promtoolPath } from './tools';

export interface ToolRun {
  code: number | null;
  output: string;
}

/** Runs promtool with `args` in `cwd` and waits; the combined output is kept for assertion messages. */
export function runPromtool(args: string[], cwd = prometheusDir): ToolRun {
  const r = spawnSync(promtoolPath(), args, { cwd, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, output: `$ promtool ${args.join(' ')}\n${r.stdout}${r.stderr}` };
}

/** Runs promtool without blocking, so several runs can share the two cores. */
export function runPromtoolAsync(args: string[], cwd = prometheusDir): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(promtoolPath(), args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = `$ promtool ${args.join(' ')}\n`;
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Runs `tasks` at most `limit` at a time, keeping their order in the result. */
export async function inBatches<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/**
 * The repository's config with the spark-backtest job pointed at `target`, scraped every
 * second, rule files given as absolute paths, and no Alertmanager (none runs in tests).
 * Everything else (job name, metrics_path, scheme) stays as the repository has it, so a
 * mistake there fails the live check.
 */
export function deriveConfig(repo: PrometheusConfig, options: { target: string; job: string; ruleFiles: string[] }): string {
  const jobs = repo.scrape_configs ?? [];
  const job = jobs.find((j) => j.job_name === options.job);
  if (!job) throw new Error(`prometheus.yml has no scrape job "${options.job}" (jobs: ${jobs.map((j) => j.job_name).join(', ') || 'none'})`);
  const config: PrometheusConfig = {
    global: { ...repo.global, scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    rule_files: options.ruleFiles,
    scrape_configs: [{ ...job, scrape_interval: '1s', scrape_timeout: '1s', static_configs: [{ targets: [options.target] }] }],
  };
  return stringify(config);
}

export interface RunningPrometheus {
  url: string;
  output(): string;
  /** An instant query; throws with Prometheus' error message when the query fails. */
  query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  api<T>(path: string): Promise<T>;
  stop(): Promise<void>;
}

interface ApiResponse<T> {
  status: 'success' | 'error';
  data: T;
  errorType?: string;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startPrometheus(configYaml: string, readyTimeoutMs = 30_000): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'spark-monitoring-prometheus-'));
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, configYaml);
  const port = await freePort();
  let output = '';
  const child = spawn(
    prometheusPath(),
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=1h',
      '--log.level=warn',
    ],
    { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const forgetExit = killGroupOnExit(child);
  const url = `http://127.0.0.1:${port}`;

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(10_000) });
    const body = (await res.json()) as ApiResponse<T>;
    if (body.status !== 'success') throw new Error(`Prometheus ${path}: ${body.errorType ?? res.status}: ${body.error ?? 'no error text'}`);
    return body.data;
  };
  const prometheus: RunningPrometheus = {
    url,
    output: () => output,
    api,
    query: async (expr) => {
      const data = await api<{ resultType: string; result: unknown }>(`/api/v1/query?query=${encodeURIComponent(expr)}`);
      if (data.resultType === 'scalar') {
        return [{ metric: {}, value: data.result as [number, string] }];
      }
      if (data.resultType !== 'vector') throw new Error(`"${expr}" returned a ${data.resultType}, not an instant vector`);
      return data.result as { metric: Record<string, string>; value: [number, string] }[];
    },
    stop: async () => {
      await killGroup(child);
      forgetExit();
      rmSync(dir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await prometheus.stop();
      throw new Error(`prometheus exited (${child.exitCode ?? child.signalCode}) before it was ready. Its output:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return prometheus;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  await prometheus.stop();
  throw new Error(`prometheus was not ready within ${readyTimeoutMs} ms. Its output:\n${output}`);
}

/** Polls `check` until it returns a value (not undefined) or the timeout passes. */
export async function eventually<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = ` (last error: ${(error as Error).message})`;
    }
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}${lastError}`);
}
