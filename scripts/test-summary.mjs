// Adds up the vitest JSON reports of every step and prints one closing line,
// "N passed, N failed", failing when any test or any other step (lint, types, build) failed.
import fs from 'node:fs';
import path from 'node:path';

const [dir, ...failedSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  console.log(
    `  ${f.replace('.json', '').padEnd(22)} ${r.numPassedTests} passed, ${r.numFailedTests} failed`,
  );
}
for (const s of failedSteps) console.log(`  step failed: ${s}`);
const stepFailures = failedSteps.length;
console.log(`tests: ${passed} passed, ${failed + stepFailures} failed, ${skipped} skipped`);
process.exit(failed + stepFailures > 0 || passed === 0 ? 1 : 0);
