/**
 * @spark/engine: pure TypeScript backtesting core. No I/O, no clock input, no
 * unseeded randomness, no workspace imports. The worker pool lives behind the
 * `@spark/engine/pool` subpath so this entry stays pure.
 */
export * from './errors';
export * from './candles';
export { createRng, assertSeed, type Rng } from './random';
export * from './kernels/index';
export * from './strategies/index';
export * from './sim/index';
export * from './stats/index';
export * from './optimizer/index';
export * from './walk-forward/index';
export * from './portfolio/index';
