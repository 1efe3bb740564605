import { describe, expect, it } from 'vitest';
import { headingAnchors, panelReferences, promqlBlocks, sections } from './runbook';

describe('headingAnchors', () => {
  // Expected anchors as GitHub renders these headings (github-slugger's rules).
  it.each([
    ['# Hello World', 'hello-world'],
    ['### SparkServiceDown', 'sparkservicedown'],
    ['## Rolling back a procedure to its mock', 'rolling-back-a-procedure-to-its-mock'],
    ['## Release canary: GO / NO-GO', 'release-canary-go--no-go'],
    ['## `flags.set` and foo.bar', 'flagsset-and-foobar'],
    ['## Thresholds at a glance', 'thresholds-at-a-glance'],
    ['## snake_case stays', 'snake_case-stays'],
    ['## Ünïcode kept', 'ünïcode-kept'],
  ])('anchors %s as #%s', (heading, anchor) => {
    expect(headingAnchors(heading)).toEqual([anchor]);
  });

  it('numbers repeated headings from -1 on', () => {
    expect(headingAnchors('## Check\n## Check\n## Check')).toEqual(['check', 'check-1', 'check-2']);
  });

  it('ignores # lines inside fenced code', () => {
    expect(headingAnchors('## Real\n```bash\n# not a heading\n```\n')).toEqual(['real']);
  });
});

describe('sections, promqlBlocks and panelReferences', () => {
  const md = [
    '## Alerts',
    '### A',
    '- **Dashboard panels:** "Run rate", "Cache hit ratio"',
    '```promql',
    'up == 0',
    '```',
    '### B',
    'text',
    '```bash',
    'echo "not a panel"',
    '```',
    '## After',
  ].join('\n');

  it('splits at headings of the same or a higher level', () => {
    const s = sections(md);
    expect(s.map((x) => x.heading)).toEqual(['Alerts', 'A', 'B', 'After']);
    expect(s[0]?.body).toContain('### B');
    expect(s[1]?.body).not.toContain('### B');
  });

  it('reads only promql fences', () => {
    expect(promqlBlocks(md)).toEqual(['up == 0']);
  });

  it('reads quoted titles on Dashboard panels lines only', () => {
    expect(panelReferences(md)).toEqual(['Run rate', 'Cache hit ratio']);
  });
});
