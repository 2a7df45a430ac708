import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";
import { currentRun, load } from "./run-info";

// Every benchmark writes bench/results/<name>.json and prints its figures with the ratio to the
// baseline measured in the same run (these machines are noisy: only ratios compare across runs).
// Each file carries the run id and commit (bench/lib/run-info.ts), the date, and the load average
// when the benchmark started and ended.
export const resultsDir = path.resolve(import.meta.dirname, "../results");

export type Check = { name: string; target: string; value: number | string; pass: boolean };

export const ratio = (value: number, baseline: number): number => (baseline > 0 ? Math.round((value / baseline) * 1000) / 1000 : 0);

const started = new Map<string, { at: string; load: number[] }>();

// Call when a benchmark starts (run.ts does); writeResult records it with the end.
export const beginBenchmark = (name: string): void => {
  started.set(name, { at: new Date().toISOString(), load: load() });
};

export const writeResult = (name: string, result: Record<string, unknown> & { checks: Check[] }): void => {
  mkdirSync(resultsDir, { recursive: true });
  const machine = { node: process.version, cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30) };
  const run = currentRun();
  const start = started.get(name);
  const document = {
    benchmark: name,
    at: new Date().toISOString(),
    run,
    loadAverage: { start: start?.load ?? null, end: load(), startedAt: start?.at ?? null },
    machine,
    ...result,
  };
  writeFileSync(path.join(resultsDir, `${name}.json`), `${JSON.stringify(document, null, 2)}\n`);
  console.log(`\n== ${name} == (load average ${start?.load.join(" ") ?? "?"} → ${load().join(" ")})`);
  for (const check of result.checks) console.log(`  ${check.pass ? "PASS" : "MISS"}  ${check.name}: ${check.value} (target ${check.target})`);
};
