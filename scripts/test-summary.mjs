// Prints the suite's closing line from Vitest's and Playwright's JSON reports.
import { existsSync, readFileSync } from "node:fs";

const failedSteps = process.argv.slice(2);
const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);

let passed = 0;
let failed = 0;
let skipped = 0;

const vitest = read("reports/vitest.json");
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
}
const e2e = read("reports/e2e.json");
if (e2e) {
  passed += e2e.stats.expected;
  failed += e2e.stats.unexpected + e2e.stats.flaky;
  skipped += e2e.stats.skipped;
}
// A step that failed without a test report (lint, typecheck, build, drift) still counts as a failure.
const reportless = failedSteps.filter((step) => !(step === "vitest" && vitest) && !(step === "e2e" && e2e));
failed += reportless.length;

if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(", ")}`);
console.log(`vitest: ${vitest ? "report" : "no report"}, e2e: ${e2e ? "report" : "no report"}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failedSteps.length || failed ? 1 : 0);
