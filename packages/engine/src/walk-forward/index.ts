export { walkForwardSimple, DEFAULT_WFO_THRESHOLD, type WalkForwardSimpleOptions, type WalkForwardSimpleResult, type WalkForwardVerdict, type WindowSummary } from './simple';
export {
  walkForward,
  walkForwardWith,
  foldsVerdict,
  type WalkForwardOptions,
  type WalkForwardOptimizer,
  type WalkForwardMode,
  type WalkForwardProgress,
  type WalkForwardResult,
  type WalkForwardRuntime,
  type FoldResult,
  type WindowInfo,
  type DeflatedSharpeReport,
} from './walk-forward';
