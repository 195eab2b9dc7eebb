// Adds up the vitest JSON reports of every step and prints one closing line,
// "N passed, N failed", failing when any test or any other step (lint, types, build) failed.
// Above it, every failed test is named with the first line of its error, so the tail of a long
// run says which test failed and why without scrolling back through the steps' logs.
import fs from 'node:fs';
import path from 'node:path';

const [dir, ...failedSteps] = process.argv.slice(2);
const root = process.cwd() + path.sep;
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
/** `text` without its terminal colour codes. */
// eslint-disable-next-line no-control-regex
const plain = (text = '') => text.replace(/\u001b\[[0-9;]*m/g, '');
/** The first line of an error that says something, without colour codes, cut to 200 characters. */
const firstLine = (text = '') =>
  (
    plain(text)
      .split('\n')
      .find((l) => l.trim()) ?? ''
  )
    .trim()
    .slice(0, 200);
for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  const run = f.replace('.json', '');
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  console.log(`  ${run.padEnd(22)} ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  for (const file of r.testResults ?? []) {
    const name = String(file.name).replace(root, '');
    const tests = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of tests)
      failures.push(`${run}: ${name} > ${a.fullName}\n      ${firstLine(a.failureMessages?.[0])}`);
    // A file that failed outside any test (a hook, an import) has no failed test to name.
    if (file.status === 'failed' && tests.length === 0)
      failures.push(`${run}: ${name}\n      ${firstLine(file.message)}`);
  }
}
// An unhandled error fails a run whose every test passed; the runs kept in logs say where it
// came from.
const logs = path.join(path.dirname(dir), 'test-logs');
for (const f of fs.existsSync(logs) ? fs.readdirSync(logs) : []) {
  const text = plain(fs.readFileSync(path.join(logs, f), 'utf8'));
  for (const m of text.matchAll(/This error originated in "([^"]+)"/g))
    failures.push(`${f.replace('.log', '')}: unhandled error from ${m[1]}`);
}
if (failures.length) {
  console.log('failed:');
  for (const f of failures) console.log(`  ${f}`);
}
for (const s of failedSteps) console.log(`  step failed: ${s}`);
const stepFailures = failedSteps.length;
console.log(`tests: ${passed} passed, ${failed + stepFailures} failed, ${skipped} skipped`);
process.exit(failed + stepFailures > 0 || passed === 0 ? 1 : 0);
