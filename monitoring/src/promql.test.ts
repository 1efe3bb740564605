import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test as propertyTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { aggregationOperators, inferLabels, keywords, metricNamePatterns, metricNames, parsePromql, PromqlSyntaxError } from './promql';
import { describeWithTool, promtoolMissing, promtoolPath } from '../tests/support/tools';

/**
 * Expressions chosen to trip a naive extractor: keywords, function names and aggregation
 * names as labels or label values, grouping before and after the arguments, modifiers,
 * comments, colons in names, numbers that look like identifiers.
 */
const cases: { expr: string; names: string[]; grafana?: boolean }[] = [
  { expr: 'up', names: ['up'] },
  { expr: 'sum by (job, kind) (rate(backtest_runs_total{status="failed"}[5m]))', names: ['backtest_runs_total'] },
  { expr: 'sum(rate(http_requests_total[5m])) by (le, job)', names: ['http_requests_total'] },
  { expr: 'sum without (instance) (x)', names: ['x'] },
  { expr: 'histogram_quantile(0.95, sum by (le) (rate(spark_backtest_run_latency_ms_bucket[5m]))) >= 0', names: ['spark_backtest_run_latency_ms_bucket'] },
  { expr: 'histogram_quantile(0.95, sum by (le) (rate(x_bucket{job=~"$job"}[$__rate_interval])))', names: ['x_bucket'], grafana: true },
  { expr: 'job_kind:backtest_runs_failed:rate5m / (job_kind:backtest_runs_finished:rate5m > 0)', names: ['job_kind:backtest_runs_failed:rate5m', 'job_kind:backtest_runs_finished:rate5m'] },
  { expr: 'a / on (job) group_left (version) b', names: ['a', 'b'] },
  { expr: 'a * ignoring (code) group_right b', names: ['a', 'b'] },
  { expr: 'a > bool 3', names: ['a'] },
  { expr: 'a and on () b or c unless d', names: ['a', 'b', 'c', 'd'] },
  { expr: 'a atan2 b', names: ['a', 'b'] },
  { expr: 'x{code="and", by="on", rate="sum"}', names: ['x'] },
  { expr: 'x{offset="1", bool!="2", group_left=~"a|b", without!~"c"}', names: ['x'] },
  { expr: 'label_replace(up, "rate", "$1", "instance", "(.*):.*")', names: ['up'] },
  { expr: 'label_join(up, "sum", ",", "job", "instance")', names: ['up'] },
  { expr: 'count_values("version", spark_backtest_build_info)', names: ['spark_backtest_build_info'] },
  { expr: 'topk(5, sum by (procedure) (rate(calls_total[1h])))', names: ['calls_total'] },
  { expr: 'quantile(0.9, rate(x[5m]))', names: ['x'] },
  { expr: 'rate(foo[5m] offset 1h)', names: ['foo'] },
  { expr: 'rate(foo[5m] offset -30m)', names: ['foo'] },
  { expr: 'foo @ 1609746000', names: ['foo'] },
  { expr: 'rate(foo[1m] @ start())', names: ['foo'] },
  { expr: 'max_over_time(rate(x[1m])[10m:1m])', names: ['x'] },
  { expr: 'min_over_time(x[1h:])', names: ['x'] },
  { expr: '{__name__=~"spark_backtest_.+"}', names: [] },
  { expr: 'count({__name__=~"spark_backtest_.+", job="spark-backtest"})', names: [] },
  { expr: '{__name__="up", job="node"}', names: ['up'] },
  { expr: 'time() - process_start_time_seconds < 15 * 60', names: ['process_start_time_seconds'] },
  { expr: 'vector(1) + scalar(sum(y))', names: ['y'] },
  { expr: '-x ^ 2 + 1e3 * Inf - NaN + 0x1F + .5', names: ['x'] },
  { expr: 'absent(up{job="spark-backtest"})', names: ['up'] },
  { expr: 'x # sum(y) is a comment\n+ z', names: ['x', 'z'] },
  { expr: 'x{a="b\\"c", d=\'e\'}', names: ['x'] },
  { expr: 'x{a=`raw\\string`}', names: ['x'] },
  { expr: 'sum by (le) (\n  increase(a_bucket[5m])\n)\n', names: ['a_bucket'] },
  { expr: 'rate(x[1h30m])', names: ['x'] },
  { expr: '(sum by (job) (a) or sum by (job) (b) * 0) / (sum by (job) (c) > 0)', names: ['a', 'b', 'c'] },
  // Where an expression starts, Prometheus reads a keyword or an aggregation name without
  // "(" as a metric name.
  { expr: 'and', names: ['and'] },
  { expr: 'x + by', names: ['by', 'x'] },
  { expr: 'sum', names: ['sum'] },
];

describe('parsePromql and metricNames', () => {
  it.each(cases)('finds exactly the metric names in $expr', ({ expr, names }) => {
    expect(metricNames(expr)).toEqual([...names].sort());
  });

  it('reads a regex name matcher as a pattern anchored at both ends, not as a name', () => {
    const [pattern] = metricNamePatterns('{__name__=~"spark_backtest_.+"}');
    expect(pattern?.test('spark_backtest_run_jobs_total')).toBe(true);
    expect(pattern?.test('xspark_backtest_run_jobs_total')).toBe(false);
  });

  it('parses grouping written after the arguments the same as before them', () => {
    expect(parsePromql('sum(rate(x[5m])) by (le)')).toEqual(parsePromql('sum by (le) (rate(x[5m]))'));
  });

  it('binds * tighter than + and comparisons looser than arithmetic', () => {
    const node = parsePromql('a + b * c > 1');
    expect(node).toMatchObject({ type: 'binary', op: '>', lhs: { type: 'binary', op: '+', rhs: { type: 'binary', op: '*' } } });
  });

  it('treats ^ as right-associative', () => {
    expect(parsePromql('a ^ b ^ c')).toMatchObject({ op: '^', lhs: { type: 'selector', name: 'a' }, rhs: { op: '^' } });
  });

  it.each([
    ['sum(rate(x[5m])', 'expected ")"'],
    ['x{job=foo}', 'expected a quoted value for label "job"'],
    ['rate(x[5x])', 'is not a range or subquery'],
    ['x offset', 'expected a duration after "offset"'],
    ['sum by (job (x)', 'expected "," or ")" in a label list'],
    ['x{job="a"', 'expected "," or "}" in a selector'],
    ['{job=""}', 'needs at least one matcher that does not match the empty string'],
    ['x > bool', 'expected an expression'],
    ['x + bool y', '"bool" only follows a comparison'],
    ['x y', 'unexpected "y" after a complete expression'],
    ['rate(x[$job])', 'is not a range or subquery'],
    ['"unterminated', 'unterminated string'],
  ])('rejects %s with a message that says what was expected', (expr, message) => {
    expect(() => parsePromql(expr)).toThrow(PromqlSyntaxError);
    expect(() => parsePromql(expr)).toThrow(message);
  });

  it('points at the offending character', () => {
    try {
      parsePromql('sum(x) by (job');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PromqlSyntaxError);
      expect((error as PromqlSyntaxError).position).toBe(14);
    }
  });
});

describeWithTool('parsePromql agrees with Prometheus\' own parser', promtoolMissing(), () => {
  // promtool check rules parses every expression with Prometheus' parser: an independent
  // reference for which expressions are valid.
  const runPromtool = (exprs: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'spark-promql-'));
    try {
      const file = join(dir, 'rules.yml');
      writeFileSync(file, stringify({ groups: [{ name: 'g', rules: exprs.map((expr, i) => ({ record: `r${i}`, expr })) }] }));
      execFileSync(promtoolPath(), ['check', 'rules', file], { stdio: 'pipe' });
      return { ok: true, output: '' };
    } catch (error) {
      const e = error as { stdout?: Buffer; stderr?: Buffer };
      return { ok: false, output: `${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}` };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('accepts every expression of the table that promtool accepts', () => {
    const plain = cases.filter((c) => !c.grafana).map((c) => c.expr);
    const result = runPromtool(plain);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it.each([
    'sum(rate(x[5m])',
    'x{job=foo}',
    'rate(x[5x])',
    'x offset',
    'sum by (job (x)',
    'x + bool y',
    'x y',
  ])('rejects %s, as promtool does', (expr) => {
    expect(() => parsePromql(expr)).toThrow(PromqlSyntaxError);
    expect(runPromtool([expr]).ok).toBe(false);
  });
});

// Identifiers that are safe as metric names: never keywords, aggregations or number words.
const reserved = new Set([...keywords, ...aggregationOperators, 'inf', 'nan', 'offset']);
const metricName = fc
  .stringMatching(/^[a-z_][a-z0-9_:]{0,15}$/)
  .filter((n) => !reserved.has(n.toLowerCase()));
// Label names drawn to collide with PromQL's words.
const labelName = fc.constantFrom('job', 'instance', 'le', 'by', 'on', 'sum', 'rate', 'offset', 'bool', 'and', 'group_left', 'kind');
const labelValue = fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s));

interface Generated {
  text: string;
  names: string[];
}

const generated = fc.letrec<{ expr: Generated; selector: Generated }>((tie) => ({
  selector: fc
    .tuple(metricName, fc.array(fc.tuple(labelName, fc.constantFrom('=', '!=', '=~', '!~'), labelValue), { maxLength: 3 }))
    .map(([name, matchers]) => ({
      text: matchers.length ? `${name}{${matchers.map(([l, op, v]) => `${l}${op}${v}`).join(', ')}}` : name,
      names: [name],
    })),
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('selector'),
    fc.double({ min: 0, max: 1e6, noNaN: true }).map((n) => ({ text: String(n), names: [] })),
    fc.tuple(fc.constantFrom('rate', 'increase', 'irate', 'max_over_time'), tie('selector'), fc.constantFrom('5m', '1h', '30s'), fc.boolean()).map(([f, s, r, off]) => ({
      text: `${f}(${s.text}[${r}]${off ? ' offset 1h' : ''})`,
      names: s.names,
    })),
    fc.tuple(fc.constantFrom('sum', 'max', 'count', 'avg'), fc.array(labelName, { maxLength: 3 }), fc.constantFrom('before', 'after', 'none'), fc.constantFrom('by', 'without'), tie('expr')).map(([op, labels, where, how, e]) => {
      const grouping = `${how} (${labels.join(', ')})`;
      return {
        text: where === 'before' ? `${op} ${grouping} (${e.text})` : where === 'after' ? `${op}(${e.text}) ${grouping}` : `${op}(${e.text})`,
        names: e.names,
      };
    }),
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '>', '==', 'and', 'or', 'unless'), fc.option(fc.tuple(fc.constantFrom('on', 'ignoring'), fc.array(labelName, { maxLength: 2 }))), tie('expr')).map(([a, op, m, b]) => ({
      text: `(${a.text}) ${op}${m ? ` ${m[0]} (${m[1].join(', ')})` : ''} (${b.text})`,
      names: [...a.names, ...b.names],
    })),
    fc.tuple(tie('expr'), fc.constantFrom('"dst"', '"by"', '"sum"')).map(([e, dst]) => ({
      text: `label_replace(${e.text}, ${dst}, "$1", "job", "(.*)")`,
      names: e.names,
    })),
  ),
})).expr;

describe('metricNames on generated expressions', () => {
  propertyTest.prop([generated], { numRuns: 300 })('returns exactly the metric names the expression was built from', (g) => {
    expect(metricNames(g.text)).toEqual([...new Set(g.names)].sort());
  });

  propertyTest.prop([fc.string({ maxLength: 60 })], { numRuns: 500 })('either parses arbitrary text or throws a PromqlSyntaxError, never anything else', (text) => {
    try {
      parsePromql(text);
    } catch (error) {
      expect(error).toBeInstanceOf(PromqlSyntaxError);
    }
  });
});

describe('inferLabels', () => {
  const catalog = (m: string) =>
    ({
      backtest_runs_total: new Set(['job', 'instance', 'kind', 'status']),
      backtest_active_runs: new Set(['job', 'instance']),
      lat_bucket: new Set(['job', 'instance', 'size', 'le']),
    })[m];

  it('accepts labels the series carry, through aggregation, functions and set operators', () => {
    const r = inferLabels('sum by (job, kind) (rate(backtest_runs_total{status="done"}[5m])) and on (job) backtest_active_runs', catalog);
    expect(r.problems).toEqual([]);
    expect([...(r.labels ?? [])].sort()).toEqual(['job', 'kind']);
  });

  it('reports a matcher on a label the metric does not have', () => {
    expect(inferLabels('backtest_runs_total{state="done"}', catalog).problems.map((p) => p.label)).toEqual(['state']);
  });

  it('reports a by() label that an inner aggregation already dropped', () => {
    const r = inferLabels('sum by (kind) (sum by (job) (backtest_runs_total))', catalog);
    expect(r.problems.map((p) => p.label)).toEqual(['kind']);
  });

  it('reports an on() label missing from either side', () => {
    const r = inferLabels('backtest_active_runs > 0 unless on (job, kind) backtest_runs_total', catalog);
    expect(r.problems.map((p) => p.message)).toEqual([expect.stringContaining('left side')]);
  });

  it('reports a histogram_quantile whose argument lost le', () => {
    expect(inferLabels('histogram_quantile(0.95, sum by (size) (rate(lat_bucket[5m])))', catalog).problems.map((p) => p.label)).toEqual(['le']);
    expect(inferLabels('histogram_quantile(0.95, sum by (size, le) (rate(lat_bucket[5m])))', catalog).problems).toEqual([]);
  });

  it('drops le from a quantile and keeps the by() labels', () => {
    expect([...(inferLabels('histogram_quantile(0.95, sum by (size, le) (rate(lat_bucket[5m])))', catalog).labels ?? [])].sort()).toEqual(['size']);
  });

  it('gives absent() the labels of its equality matchers', () => {
    expect([...(inferLabels('absent(backtest_active_runs{job="a", instance=~"b"})', catalog).labels ?? [])]).toEqual(['job']);
  });

  it('adds label_replace\'s destination and checks its source', () => {
    const r = inferLabels('label_replace(backtest_active_runs, "host", "$1", "node", "(.*)")', catalog);
    expect(r.problems.map((p) => p.label)).toEqual(['node']);
    expect(r.labels?.has('host')).toBe(true);
  });

  it('keeps only on() labels in one-to-one arithmetic, and adds group_left labels', () => {
    expect([...(inferLabels('backtest_runs_total / on (job, kind) backtest_runs_total', catalog).labels ?? [])].sort()).toEqual(['job', 'kind']);
    expect([...(inferLabels('backtest_active_runs * on (job) group_left (kind) backtest_runs_total', catalog).labels ?? [])].sort()).toEqual(['instance', 'job', 'kind']);
  });

  it('makes no claim through a metric it does not know', () => {
    const r = inferLabels('sum by (anything) (unknown_metric{whatever="x"})', catalog);
    expect(r.problems).toEqual([]);
    expect(r.labels).toEqual(new Set(['anything']));
  });
});
