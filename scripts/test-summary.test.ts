import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// scripts/test-summary.mjs fed by the real Vitest and Playwright JSON reporters, run on a
// temporary project holding deliberately broken test files (a file failing at import, a beforeAll
// that throws, a Playwright spec failing at load). None of these show up as a failed test in the
// reports, so a summary that counted only failed tests would read "0 failed".
const repo = path.resolve(import.meta.dirname, "..");
const summaryScript = path.join(repo, "scripts/test-summary.mjs");
let dir: string;

const files: Record<string, string> = {
  "vitest.config.mjs": `export default { test: { include: ["*.test.mjs"], pool: "forks" } };`,
  "passes.test.mjs": `import { it, expect } from "vitest";\nit("passes", () => expect(1).toBe(1));`,
  "import-fails.test.mjs": `import "./no-such-module.mjs";\nimport { it } from "vitest";\nit("never runs", () => {});`,
  "before-all-fails.test.mjs": `import { beforeAll, it, expect } from "vitest";
beforeAll(() => { throw new Error("setup failed"); });
it("is skipped because setup failed", () => expect(1).toBe(1));`,
  "playwright.config.mjs": `export default { testDir: ".", testMatch: "*.spec.mjs", reporter: [["json", { outputFile: "reports/e2e.json" }]] };`,
  "passes.spec.mjs": `import { test, expect } from "@playwright/test";\ntest("passes", () => expect(1).toBe(1));`,
  "load-fails.spec.mjs": `import { test } from "@playwright/test";\nthrow new Error("spec fails at load");`,
};

// The child runners must not think they run inside this Vitest worker.
const childEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST") && key !== "NODE_OPTIONS")) as NodeJS.ProcessEnv;

const run = (command: string, args: string[]) => {
  const result = spawnSync(command, args, { cwd: dir, env: childEnv(), encoding: "utf8", timeout: 60_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
};
const summary = (...failedSteps: string[]) => run(process.execPath, [summaryScript, ...failedSteps]);
const closingLine = (output: string) => output.trim().split("\n").at(-1);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "ktz-summary-"));
  await symlink(path.join(repo, "node_modules"), path.join(dir, "node_modules"));
  await mkdir(path.join(dir, "reports"));
  await Promise.all(Object.entries(files).map(([name, body]) => writeFile(path.join(dir, name), body)));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("test-summary", () => {
  it("counts Vitest files that fail at import or in beforeAll as failures", () => {
    const vitest = run(path.join(repo, "node_modules/.bin/vitest"), [
      "run", "--root", dir, "--reporter=json", "--outputFile.json=reports/vitest.json",
    ]);
    expect(vitest.code).not.toBe(0);

    // As scripts/test.sh calls it: the vitest step failed.
    const line = summary("vitest");
    expect(closingLine(line.output)).toBe("1 passed, 2 failed, 1 skipped");
    expect(line.output).toContain("vitest: 2 error(s) outside tests");
    expect(line.code).toBe(1);

    // Even when no step is named as failed, the report alone makes the line say so.
    const reportOnly = summary();
    expect(closingLine(reportOnly.output)).toBe("1 passed, 2 failed, 1 skipped");
    expect(reportOnly.code).toBe(1);
  });

  it("counts Playwright errors outside tests as failures", async () => {
    await rm(path.join(dir, "reports/vitest.json"), { force: true });
    const e2e = run(path.join(repo, "node_modules/.bin/playwright"), ["test", "--config", "playwright.config.mjs"]);
    expect(e2e.code).not.toBe(0);

    const line = summary("e2e");
    // The load error stops the whole run, so even the passing spec does not run.
    expect(closingLine(line.output)).toBe("0 passed, 1 failed");
    expect(line.output).toContain("e2e: 1 error(s) outside tests");
    expect(line.code).toBe(1);
  });

  it("counts an unhandled error outside any test (Vitest's JSON report shows none) through the failed step", async () => {
    const sub = path.join(dir, "unhandled");
    await mkdir(path.join(sub, "reports"), { recursive: true });
    await writeFile(path.join(sub, "vitest.config.mjs"), `export default { test: { include: ["*.test.mjs"], pool: "forks" } };`);
    await writeFile(path.join(sub, "late-error.test.mjs"), `import { it, expect } from "vitest";
it("passes, but leaves an error behind", async () => {
  setTimeout(() => { throw new Error("late failure outside any test"); }, 10);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(1).toBe(1);
});`);
    await symlink(path.join(repo, "node_modules"), path.join(sub, "node_modules"));
    const vitest = spawnSync(path.join(repo, "node_modules/.bin/vitest"), ["run", "--root", sub, "--reporter=json", "--outputFile.json=reports/vitest.json"], {
      cwd: sub, env: childEnv(), encoding: "utf8", timeout: 60_000,
    });
    expect(vitest.status).not.toBe(0);
    const line = spawnSync(process.execPath, [summaryScript, "vitest"], { cwd: sub, env: childEnv(), encoding: "utf8" });
    expect(closingLine(line.stdout)).toBe("1 passed, 1 failed");
    expect(line.stdout).toContain("vitest: the step failed, but its report shows no failure");
    expect(line.status).toBe(1);
  });

  it("makes any failed step count, even when its report shows no failure", async () => {
    await writeFile(path.join(dir, "reports/vitest.json"), JSON.stringify({
      numPassedTests: 3, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, success: true, testResults: [],
    }));
    await rm(path.join(dir, "reports/e2e.json"), { force: true });

    const line = summary("vitest", "lint");
    expect(closingLine(line.output)).toBe("3 passed, 2 failed");
    expect(line.code).toBe(1);

    const clean = summary();
    expect(closingLine(clean.output)).toBe("3 passed, 0 failed");
    expect(clean.code).toBe(0);
  });
});
