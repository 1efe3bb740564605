export * from './api-keys';
export * from './audit-events';
export * from './feature-flags';
export * from './presets';
export * from './runs';
export * from './run-series';
