import { describe, expect, it } from 'vitest';
import { bestScoreOf, initialJob, leaderboardOf, reduceRunEvent, wasCancelled, type RunEventLike } from './run-events';

const id = 'bt-20240101T000000Z-0123456789';
const fold = (events: RunEventLike[]) => events.reduce(reduceRunEvent, initialJob(id));

describe('reduceRunEvent', () => {
  it('follows a job from the queue to its result', () => {
    const job = fold([
      { type: 'status', runId: id, status: 'queued', position: 2 },
      { type: 'status', runId: id, status: 'running' },
      { type: 'progress', runId: id, done: 10, total: 24, stage: 'grid search', elapsedMs: 500, etaSeconds: 1, partial: { bestScore: 1.2 } },
      { type: 'progress', runId: id, done: 24, total: 24, stage: 'grid search', elapsedMs: 1200, etaSeconds: 0 },
      { type: 'done', runId: id, result: { best: 1 } },
    ]);
    expect(job).toMatchObject({ status: 'done', done: 24, total: 24, position: null, result: { best: 1 }, error: null });
    expect(bestScoreOf(job.partial)).toBe(1.2);
  });

  it('gives a late subscriber the stored result: the "done" status alone does not end the run', () => {
    const job = fold([
      { type: 'status', runId: id, status: 'done' },
      { type: 'done', runId: id, result: { leaderboard: [] } },
    ]);
    expect(job).toMatchObject({ status: 'done', result: { leaderboard: [] } });
    expect(fold([{ type: 'status', runId: id, status: 'failed' }, { type: 'failed', runId: id, error: 'boom', code: 'INTERNAL' }])).toMatchObject({ status: 'failed', error: 'boom', errorCode: 'INTERNAL' });
  });

  it('keeps the queue position while queued', () => {
    expect(fold([{ type: 'status', runId: id, status: 'queued', position: 3 }])).toMatchObject({ status: 'queued', position: 3 });
  });

  it('records a cancellation as a calm failure, and ignores events after the end', () => {
    const job = fold([
      { type: 'progress', runId: id, done: 3, total: 24, stage: 's', elapsedMs: 100, etaSeconds: 7 },
      { type: 'failed', runId: id, error: 'cancelled by key:abc', code: 'CANCELLED' },
      { type: 'progress', runId: id, done: 4, total: 24, stage: 's', elapsedMs: 120, etaSeconds: 6 },
    ]);
    expect(job).toMatchObject({ status: 'failed', done: 3, error: 'cancelled by key:abc' });
    expect(wasCancelled(job)).toBe(true);
  });

  it('ignores events of another run', () => {
    expect(fold([{ type: 'done', runId: 'other', result: 1 }])).toEqual(initialJob(id));
  });

  it('reads no best score from a partial without one', () => {
    expect([bestScoreOf(undefined), bestScoreOf({ bestScore: null }), bestScoreOf({ bestScore: Number.NaN })]).toEqual([null, null, null]);
  });
});

describe('leaderboardOf', () => {
  const metrics = { sharpe: 1, sortino: 1, maxDrawdown: -0.1, calmar: 1, totalReturn: 0.1, cagr: 0.2, pnl: 10, trades: 3, winRate: 0.5, profitFactor: null, avgTradeReturn: 0.01, exposure: 0.4, maxConsecutiveLosses: 1, finalEquity: 110 };
  it('reads a streamed leaderboard shaped like the final one', () => {
    const entry = { rank: 1, params: { emaFast: 10 }, metrics, score: 1, trial: 4 };
    expect(leaderboardOf({ bestScore: 1, leaderboard: [entry] })).toEqual([entry]);
  });
  it('ignores progress without one, or with a malformed one', () => {
    expect(leaderboardOf({ bestScore: 1 })).toBeNull();
    expect(leaderboardOf({ leaderboard: [{ rank: 'x' }] })).toBeNull();
    expect(leaderboardOf({ leaderboard: [] })).toBeNull();
  });
});
