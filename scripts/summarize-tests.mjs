// Prints one closing line per runner and a total, read from the runners' JSON
// reports, and fails when a report is missing or no test ran at all.
import { existsSync, readFileSync } from 'node:fs';

const [vitestPath, playwrightPath] = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function add(name, passed, failed, skipped) {
  console.log(`${name}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
}

if (vitestPath && existsSync(vitestPath)) {
  const r = JSON.parse(readFileSync(vitestPath, 'utf8'));
  // A file that fails to load has no failed test, only a failed suite: count those too.
  const brokenFiles = (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).every((a) => a.status !== 'failed')).length;
  add('vitest', r.numPassedTests, r.numFailedTests + brokenFiles, r.numPendingTests + r.numTodoTests);
} else {
  console.log(`vitest: no report at ${vitestPath}`);
  ok = false;
}

if (playwrightPath && existsSync(playwrightPath)) {
  const s = JSON.parse(readFileSync(playwrightPath, 'utf8')).stats;
  add('playwright', s.expected + s.flaky, s.unexpected, s.skipped);
} else {
  console.log(`playwright: no report at ${playwrightPath}`);
  ok = false;
}

console.log(`total: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (totals.passed === 0) {
  console.log('error: no test ran');
  ok = false;
}
process.exit(ok && totals.failed === 0 ? 0 : 1);
