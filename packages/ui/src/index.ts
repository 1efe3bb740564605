/**
 * @spark/ui — presentational React components for Spark Backtest. No data
 * fetching and no server imports: the app passes plain result shapes in.
 * Import the stylesheet once: `import '@spark/ui/styles.css'`.
 */

// Layout and primitives
export { AppShell, type AppShellProps, type LinkComponentProps, type NavLink } from './components/AppShell';
export { ThemeProvider, useTheme, useThemeControls, type ThemeProviderProps } from './components/ThemeProvider';
export { Card, Panel, type CardProps, type PanelProps } from './components/Card';
export { Button, type ButtonProps, type ButtonVariant } from './components/Button';
export { Field, type FieldControlProps, type FieldProps } from './components/Field';
export { Tabs, type TabItem, type TabsProps } from './components/Tabs';
export { EmptyState, type EmptyStateProps } from './components/EmptyState';
export { ErrorCallout, type ErrorCalloutProps, type ErrorItem } from './components/ErrorCallout';
export {
  Badge,
  DemoDataBadge,
  MockBadge,
  ModeBadge,
  ReasonBadge,
  SideBadge,
  StatusPill,
  VerdictBadge,
  type BadgeProps,
  type BadgeTone,
  type VerdictBadgeProps,
} from './components/Badge';

// Results
export { CandlestickChart, type CandlestickChartProps } from './components/CandlestickChart';
export { EquityChart, type EquityChartProps } from './components/EquityChart';
export { MetricCards, type MetricCardsProps } from './components/MetricCards';
export { TradesTable, type TradeColumnKey, type TradesTableProps } from './components/TradesTable';
export { Pager, type PagerProps } from './components/Pager';
export { CorrelationHeatmap, type CorrelationHeatmapProps } from './components/CorrelationHeatmap';
export { ParamHeatmap, type ParamHeatmapProps } from './components/ParamHeatmap';
export { Leaderboard, type LeaderboardProps, type LeaderboardRow } from './components/Leaderboard';
export { ProgressBar, type ProgressBarProps } from './components/ProgressBar';
export { ParamForm, type ParamFormProps } from './components/ParamForm';

// Prop shapes
export type * from './types';

// Pure helpers (usable on the server too)
export {
  MISSING,
  formatCurrency,
  formatDuration,
  formatInteger,
  formatNumber,
  formatPercent,
  formatPrice,
  formatQuantity,
  formatUtc,
  formatUtcDate,
  humanizeName,
  signTone,
  toIsoUtc,
  type NumberFormatOptions,
  type Tone,
} from './lib/format';
export { DEFAULT_METRIC_KEYS, METRIC_DEFINITIONS, describeMetric, describeMetrics, metricValue, type MetricDefinition, type MetricDisplay, type MetricFormat } from './lib/metrics';
export { compareValues, paginate, sortedIndices, type PageWindow, type SortDirection, type SortValue } from './lib/table';
export { defaultParamValues, describeParamRule, parseNumberInput, validateParamValue, validateParamValues } from './lib/params';
export { estimateEtaMs, progressState, progressText, type ProgressState } from './lib/progress';
export { buildParamGrid, validateCorrelationMatrix, type ParamGrid, type ParamGridCell } from './lib/heatmap';
export { contrastRatio, divergingColor, sequentialColor, viridis } from './lib/color';
export {
  drawdownFromEquity,
  toCandlestickData,
  toEquityLines,
  toLineData,
  toTradeMarkers,
  segmentIndexRange,
} from './lib/chart-data';
export { isActiveLink } from './lib/nav';
export { UiDataError, type DataProblem } from './lib/errors';
export { THEMES, THEME_STORAGE_KEY, themeInitScript, themeTokens, type ThemeName, type ThemeTokens } from './lib/theme';
