export * from './promql';
export * from './exposition';
export * from './durations';
export * from './rule-files';
export * from './dashboards';
export * from './runbook';
export * from './paths';
export * from './catalog';
