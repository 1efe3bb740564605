/** Types of the API's inputs and outputs, inferred from the router: the browser imports types only. */
import type { AppRouter } from '@spark/api/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export type StrategyCatalog = RouterOutputs['catalog']['strategies'];
export type StrategyInfo = StrategyCatalog['strategies'][number];
export type CatalogParamSpec = StrategyInfo['params'][number];
export type ExchangeInfo = RouterOutputs['catalog']['exchanges']['exchanges'][number];

export type RunResponse = RouterOutputs['backtest']['run'];
export type RunResultData = RunResponse['result'];
export type WalkforwardResponse = RouterOutputs['backtest']['walkforward'];
export type WalkforwardResultData = WalkforwardResponse['result'];
export type SimpleWalkforward = Extract<WalkforwardResultData, { kind: 'simple' }>;
export type FoldsWalkforward = Extract<WalkforwardResultData, { kind: 'folds' }>;
export type PortfolioResponse = RouterOutputs['backtest']['portfolio'];
export type PortfolioResultData = PortfolioResponse['result'];
export type OptimizeResponse = RouterOutputs['backtest']['optimize'];
export type OptimizeResultData = OptimizeResponse['result'];
export type LeaderboardEntry = OptimizeResultData['leaderboard'][number];
export type DataReport = RunResultData['data'];

export type RunSummary = RouterOutputs['runs']['status']['runs'][number];
export type RunDetail = RouterOutputs['runs']['byId'];
export type RunStatusValue = RunSummary['status'];
export type RunKind = RunSummary['kind'];
export type RunEvent = RouterOutputs['runs']['progress'] extends AsyncIterable<infer E> ? E : RouterOutputs['runs']['progress'];

export type HealthData = RouterOutputs['health'];
export type PresetData = RouterOutputs['presets']['list']['presets'][number];
