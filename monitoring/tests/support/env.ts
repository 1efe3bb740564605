/**
 * The environment the monitoring tests read, in one place: whether this is CI (where a
 * missing prerequisite fails instead of skipping), and where promtool and prometheus live.
 */
export interface MonitoringTestEnv {
  ci: boolean;
  promtool: string;
  prometheus: string;
}

export function readTestEnv(env: NodeJS.ProcessEnv = process.env): MonitoringTestEnv {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI.toLowerCase() !== 'false';
  return {
    ci,
    // Debian's prometheus package installs both here; override for other layouts.
    promtool: env.PROMTOOL_PATH || '/usr/bin/promtool',
    prometheus: env.PROMETHEUS_PATH || '/usr/bin/prometheus',
  };
}
