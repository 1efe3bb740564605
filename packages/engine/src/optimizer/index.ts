export { objectives, scoreOf, assertObjective, type Objective } from './objective';
export { resolveSpace, SearchSpace, MAX_SPACE_SIZE, paramsKey, type ParamRange, type SearchSpaceInput } from './space';
export { gridSearch, gridSearchWith, DEFAULT_MAX_COMBINATIONS } from './grid';
export { tpeSearch, tpeSearchWith } from './tpe';
export { geneticSearch, geneticSearchWith } from './genetic';
export { createLocalEvaluator, evaluateJobSync, type BatchEvaluator, type EvalJob, type EvalOutcome } from './evaluate';
export { leaderboard, type SearchRuntime } from './run';
export type * from './types';
