import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { RUN_KINDS, RUN_STATUSES, parseRunsFilter, runsFilterQuery, runsQueryInput } from './runs-filter';

describe('runs filter', () => {
  it('reads status and kind lists and the page, dropping unknown values', () => {
    expect(parseRunsFilter('status=running,bogus,queued&kind=optimize&page=3')).toEqual({ status: ['running', 'queued'], kind: ['optimize'], page: 3 });
    expect(parseRunsFilter('page=-2')).toEqual({ status: [], kind: [], page: 1 });
  });

  it('asks the API for the right page', () => {
    expect(runsQueryInput({ status: ['failed'], kind: [], page: 2 })).toEqual({ status: ['failed'], limit: 25, offset: 25 });
  });

  test.prop([fc.subarray([...RUN_STATUSES]), fc.subarray([...RUN_KINDS]), fc.integer({ min: 1, max: 500 })])('survives the query string', (status, kind, page) => {
    const filter = { status, kind, page };
    expect(parseRunsFilter(runsFilterQuery(filter))).toEqual(filter);
  });
});
