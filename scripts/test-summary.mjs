// Prints the suite's closing line from Vitest's and Playwright's JSON reports (read from
// reports/ under the current directory). The line must never read "0 failed" when anything failed:
// - a Vitest file that fails at import, or in a beforeAll/afterAll hook, has no failed test (its
//   tests show as skipped or passed), so each such file counts as one failure;
// - an error Vitest reports outside any test (an unhandled error or rejection) is NOT in its JSON
//   report (Vitest 4 writes success: true and 0 failed) but makes it exit non-zero, so the failed
//   "vitest" step counts it (below), with a note; a report with success: false counts too;
// - Playwright errors outside tests (global setup, web server, a spec that fails to load) are in
//   the report's top-level `errors` array: one failure each;
// - any step named on the command line that failed makes `failed` at least 1, report or not.
import { existsSync, readFileSync } from "node:fs";

const failedSteps = process.argv.slice(2);
const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);

function vitestCounts(report) {
  const files = report.testResults ?? [];
  const failedFiles = files.filter((file) => {
    if (file.status !== "failed") return false;
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === "failed").length;
    return Boolean(file.message) || failedTests === 0;
  }).length;
  let failed = report.numFailedTests + failedFiles;
  if (report.success === false && failed === 0) failed = 1;
  return {
    passed: report.numPassedTests,
    failed,
    skipped: report.numPendingTests + report.numTodoTests,
    suiteErrors: failedFiles,
  };
}

function playwrightCounts(report) {
  const errors = (report.errors ?? []).length;
  return {
    passed: report.stats.expected,
    failed: report.stats.unexpected + report.stats.flaky + errors,
    skipped: report.stats.skipped,
    suiteErrors: errors,
  };
}

let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];

const addStep = (step, report, count) => {
  const counts = report ? count(report) : { passed: 0, failed: 0, skipped: 0, suiteErrors: 0 };
  // A step that failed while its report shows no failure (or no report at all) is still a failure.
  const stepFailed = failedSteps.includes(step);
  const stepFailures = stepFailed ? Math.max(1, counts.failed) : counts.failed;
  passed += counts.passed;
  failed += stepFailures;
  skipped += counts.skipped;
  if (counts.suiteErrors) notes.push(`${step}: ${counts.suiteErrors} error(s) outside tests`);
  if (stepFailed && counts.failed === 0) {
    notes.push(`${step}: the step failed, but ${report ? "its report shows no failure (an error outside tests, e.g. an unhandled error: see the step's output)" : "it wrote no report"}`);
  }
};

const vitest = read("reports/vitest.json");
const e2e = read("reports/e2e.json");
addStep("vitest", vitest, vitestCounts);
addStep("e2e", e2e, playwrightCounts);
// A step without a test report (lint, typecheck, build, drift) counts as one failure.
failed += failedSteps.filter((step) => step !== "vitest" && step !== "e2e").length;

if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(", ")}`);
for (const note of notes) console.log(note);
console.log(`vitest: ${vitest ? "report" : "no report"}, e2e: ${e2e ? "report" : "no report"}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failedSteps.length || failed ? 1 : 0);
