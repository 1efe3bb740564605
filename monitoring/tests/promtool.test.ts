/**
 * promtool on the repository's files: the config and rules are valid, every promtool unit
 * test passes, and the tests pin each alert's `for` (moving it one evaluation earlier or
 * later makes them fail).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { formatDuration, parseDuration } from '../src/durations';
import { prometheusDir } from '../src/paths';
import { alertFiles, alertRules, prometheusConfigPath, promtoolTests, recordingFiles } from './support/repo';
import { inBatches, runPromtool, runPromtoolAsync } from './support/prometheus';
import { describeWithTool, promtoolMissing } from './support/tools';

const rel = (f: string) => relative(prometheusDir, f);

describeWithTool('promtool on monitoring/prometheus', promtoolMissing(), () => {
  it('accepts prometheus.yml and every rule file it loads (promtool check config)', () => {
    const r = runPromtool(['check', 'config', rel(prometheusConfigPath)]);
    expect(r.code, r.output).toBe(0);
    // check config also checks the rule files the config loads: all of them.
    for (const f of [...alertFiles(), ...recordingFiles()]) expect(r.output, r.output).toContain(rel(f));
  });

  it('accepts every alert and recording rule file (promtool check rules)', () => {
    const r = runPromtool(['check', 'rules', ...[...alertFiles(), ...recordingFiles()].map(rel)]);
    expect(r.code, r.output).toBe(0);
  });

  it('passes every promtool unit test (promtool test rules)', () => {
    const files = promtoolTests().map((t) => rel(t.file));
    const r = runPromtool(['test', 'rules', ...files]);
    expect(r.code, r.output).toBe(0);
    expect(r.output.match(/SUCCESS/g)?.length, r.output).toBe(files.length);
  });
});

describeWithTool('promtool unit tests pin every alert\'s for', promtoolMissing(), () => {
  let copy: string;
  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'spark-monitoring-mutants-'));
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('fail when an alert\'s for moves one evaluation earlier or later', async () => {
    const tests = promtoolTests();
    const mutants = alertRules().flatMap((alert) => {
      const covering = tests.filter((t) => t.ruleFiles.includes(alert.file));
      expect(covering.length, `${alert.name} is in no promtool test file`).toBeGreaterThan(0);
      return covering.flatMap((t) =>
        [-1, 1].map((direction) => {
          const step = parseDuration(t.evaluationInterval);
          const shifted = parseDuration(alert.for ?? '0s') + direction * step;
          return { alert, testFile: t.file, shifted: shifted > 0 ? formatDuration(shifted) : '0s', direction };
        }),
      );
    });
    const results = await inBatches(
      2,
      mutants.map((m, i) => async () => {
        const dir = join(copy, `m${i}`);
        cpSync(prometheusDir, dir, { recursive: true });
        const file = join(dir, relative(prometheusDir, m.alert.file));
        const doc = parse(readFileSync(file, 'utf8')) as { groups: { rules: { alert?: string; for?: string }[] }[] };
        const rule = doc.groups.flatMap((g) => g.rules).find((r) => r.alert === m.alert.name)!;
        rule.for = m.shifted;
        writeFileSync(file, stringify(doc));
        const run = await runPromtoolAsync(['test', 'rules', join('tests', basename(m.testFile))], dir);
        return { ...m, run };
      }),
    );
    const survivors = results.filter((r) => r.run.code === 0 || !r.run.output.includes(r.alert.name));
    expect(
      survivors.map((s) => `${s.alert.name} with for: ${s.shifted} (${s.direction < 0 ? 'one step earlier' : 'one step later'}) still passes ${basename(s.testFile)}`),
    ).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(alertRules().length * 2);
  });
});
