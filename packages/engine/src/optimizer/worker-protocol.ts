import type { PboResult } from '../stats/pbo';
import type { EvalJob, EvalOutcome } from './evaluate';
import type { SharedSeries } from './shared-series';

export type WorkerTask =
  | { kind: 'evaluate'; series: SharedSeries; job: EvalJob }
  | { kind: 'pbo'; blockStats: Float64Array[]; blocks: number };

export type WorkerReply =
  | { ok: true; kind: 'evaluate'; outcomes: EvalOutcome[] }
  | { ok: true; kind: 'pbo'; result: PboResult }
  | { ok: false; error: { name: string; code?: string; field?: string; message: string } };
